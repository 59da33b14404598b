/**
 * SesV2Reader: the live configuration sets and event destinations of one Region, as canonical State.
 *
 * Which sets, by `--discovery` (docs/architecture.md, "Commands and exit codes", "Ownership and deletes"):
 *   tags (default; `scope.discovered` given): the file's names and the tag index's hits for the stack,
 *     minus `scope.unchanged` (`--refresh changed`). No listing: a set that is neither the stack's nor
 *     named by the file is never read. A hit the index still lists after its deletion reads NotFound and
 *     is left out; a set of the file the index does not list yet is read by name anyway.
 *   scan (`scope.discovered` absent): ListConfigurationSets, page by page until NextToken is absent, and
 *     every listed set is read, because GetConfigurationSet's Tags are the only way to tell who owns a
 *     set (SESv2 has no tag filter on the listing and no batch Get).
 * Then, per set:
 *   1. GetConfigurationSet: its options and Tags (the STACK_TAG says who owns it, the digest tag what was
 *      last applied).
 *   2. GetConfigurationSetEventDestinations only for managed sets: named in the file, or tagged
 *      `ses-reconcile:stack=<stack>`. A foreign set's destinations are never changed, so never read.
 * Sets are read in a small pool (default 4 at once); the pacer (pacing/) spaces the calls at SESv2's one
 * request per second, so the pool only keeps the next call ready.
 *
 * Cost: tags: 2 calls per set of the file or the stack (1 for a name that does not exist yet), 0 for any
 * other set; scan: ceil(N / pageSize) + N + M for N listed sets of which M are managed.
 *
 * A set deleted between the listing and its Get (NotFoundException) is skipped, not an error: the state
 * is what exists. Destinations keep the `{arn}` AWS reports; topic references of the file (`{topic}`) are
 * resolved by whoever compares, with topicArn() below.
 */
import { CallCount } from '../call-count.js';
import {
  GetConfigurationSetCommand,
  GetConfigurationSetEventDestinationsCommand,
  ListConfigurationSetsCommand,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { AwsCallError } from '../../errors.js';
import type { LiveRead, LiveReader, SetScope } from '../../live/port.js';
import { STACK_TAG, type ConfigurationSet, type Resource } from '../../model/resources.js';
import { stateOf } from '../../model/state.js';
import { mapPool } from '../pool.js';
import { configurationSetFromAws, eventDestinationFromAws } from './mapping.js';

export { topicArn } from '../../model/arn.js';

export interface SesV2ReaderOptions {
  /** Sets read at once (Get and GetEventDestinations of one set run in sequence). @default 4 */
  readonly concurrency?: number;
  /**
   * ListConfigurationSets PageSize. Real SES accepts 1..1000 and pages by 50 when unset (recorded by
   * floci, see src/emulator/sesv2/paging.ts), so asking for 1000 makes a 1000-set account one page.
   * @default 1000
   */
  readonly pageSize?: number;
}

/** SESv2's answer for a set or tenant that does not exist (or no longer does): every SESv2 reader's "gone". */
export function isNotFound(err: unknown): boolean {
  return err instanceof AwsCallError && err.code === 'NotFoundException';
}

export function isManaged(set: ConfigurationSet, scope: SetScope): boolean {
  return scope.select !== undefined || scope.configurationSets.has(set.name) || set.tags[STACK_TAG] === scope.stack;
}

export class SesV2Reader implements LiveReader<SetScope> {
  private readonly concurrency: number;
  private readonly pageSize: number;

  constructor(
    private readonly ses: SESv2Client,
    options: SesV2ReaderOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.pageSize = options.pageSize ?? 1000;
  }

  async read(scope: SetScope): Promise<LiveRead> {
    const calls = new CallCount('sesv2');
    const names =
      scope.select !== undefined
        ? (await this.listNames(calls)).filter(scope.select).sort()
        : scope.discovered !== undefined
          ? [...new Set([...scope.configurationSets, ...scope.discovered])].filter((n) => !scope.unchanged?.has(n)).sort()
          : await this.listNames(calls);
    const perSet = await mapPool(names, this.concurrency, (name) => this.readSet(name, scope, calls));
    return { state: stateOf(perSet.flat()), calls: calls.snapshot() };
  }

  private async listNames(calls: CallCount): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await calls.call('ListConfigurationSets', () =>
        this.ses.send(new ListConfigurationSetsCommand({ PageSize: this.pageSize, ...(token ? { NextToken: token } : {}) })),
      );
      names.push(...(page.ConfigurationSets ?? []));
      token = page.NextToken || undefined;
    } while (token !== undefined);
    // A set created between two pages may be listed twice (AWS does not document listing consistency).
    return [...new Set(names)];
  }

  /** One set and, when managed, its destinations; [] when the set vanished meanwhile. */
  private async readSet(name: string, scope: SetScope, calls: CallCount): Promise<Resource[]> {
    try {
      const out = await calls.call('GetConfigurationSet', () => this.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: name })));
      const set = configurationSetFromAws(out, name);
      if (!isManaged(set, scope)) return [set];
      const dests = await calls.call('GetConfigurationSetEventDestinations', () =>
        this.ses.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: name })),
      );
      return [set, ...(dests.EventDestinations ?? []).map((d) => eventDestinationFromAws(name, d))];
    } catch (err) {
      // Deleted between List and Get (or between Get and GetEventDestinations): it no longer exists.
      if (isNotFound(err)) return [];
      throw err;
    }
  }
}
