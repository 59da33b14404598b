/**
 * CloudWatchAlarmReader: one stack's metric alarms, with their tags, as canonical State.
 *
 * Premise: DescribeAlarms does not return tags (docs/aws-behaviour.md, "CloudWatch alarms") and has no tag
 * filter, so finding "this stack's alarms" by reading tags would cost one ListTagsForResource per alarm of
 * the ACCOUNT. Two ways around that, chosen by the caller (`--discovery`, docs/architecture.md, "Commands
 * and exit codes"):
 *
 * tags (default; `scope.discovered` given): the tag index already listed the stack's alarms with their
 * tags (tagging/stack-index.ts).
 *   1. DescribeAlarms with AlarmNames for the file's names and the index's names, minus
 *      `scope.unchanged` (`--refresh changed`: the index says they are as the file wants), at most 100
 *      names per call (the API's limit). This confirms each index hit (the index lists deleted alarms
 *      for a while) and finds the file's alarms the index does not list yet (it lags).
 *   2. ListTagsForResource only for alarms whose tags `scope.trustedTags` does not give: the caller
 *      trusts the index's tags only where they are what the file wants, so an alarm that will change,
 *      be deleted, or that the index missed is read afresh.
 *   Cost for F names in the file, X more in the index, U unchanged and T trusted:
 *   ceil((F + X - U) / 100) + (alarms found - T) calls; a converged stack's plan costs only step 1.
 *
 * scan (`scope.discovered` absent: the policy denies tag:GetResources): by name, which the file controls:
 *   1. DescribeAlarms with AlarmNamePrefix `<stack>/`, page by page (MaxRecords 100) until NextToken is
 *      absent. Every preset alarm is named `<stack>/<owner>/<preset>` (config/presets.ts presetAlarmName).
 *   2. DescribeAlarms with AlarmNames for the file's other names (AlarmNames cannot be combined with
 *      AlarmNamePrefix).
 *   3. ListTagsForResource for each alarm found: STACK_TAG says who owns it (decided by diff/, not here).
 *   Cost for P alarms under the prefix, F other names in the file and A alarms found:
 *   ceil(P / 100) (at least 1) + ceil(F / 100) + A calls.
 *   Blind spot of scan, on purpose: an alarm of this stack whose name is not under `<stack>/` and that the
 *   file no longer names is not found, so not deleted. The tag index has no such blind spot.
 *
 * Listings and tag reads run in a pool (default 4 calls at once); the pacer (pacing/) spaces them at
 * DescribeAlarms' 9 TPS and the tag calls' rate.
 * Only metric alarms are read (AlarmTypes omitted: "only metric alarms are returned", docs/aws-behaviour.md,
 * "CloudWatch alarms"); ses-reconcile makes no composite alarms. An alarm deleted between the listing and its
 * tag read (ResourceNotFound) is left out: the state is what exists.
 */
import { CallCount } from '../call-count.js';
import {
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  type CloudWatchClient,
  type DescribeAlarmsCommandInput,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { AwsCallError, EXIT, ReconcileError } from '../../errors.js';
import type { LiveRead, LiveReader, NamedScope } from '../../live/port.js';
import type { Alarm } from '../../model/resources.js';
import { stateOf } from '../../model/state.js';
import { mapPool } from '../pool.js';
import { alarmFromAws, tagsToAws } from './mapping.js';

/**
 * DescribeAlarms takes at most 100 AlarmNames and answers at most 100 alarms per page (docs/aws-behaviour.md,
 * "CloudWatch alarms").
 */
export const DESCRIBE_ALARMS_MAX = 100;

export interface AlarmRead extends LiveRead {
  /**
   * Alarm name -> the AlarmArn DescribeAlarms reported: for the step runner's tag calls
   * (docs/aws-behaviour.md, "Tagging").
   */
  readonly arns: ReadonlyMap<string, string>;
}

export interface CloudWatchAlarmReaderOptions {
  /** Calls in flight at once. @default 4 */
  readonly concurrency?: number;
  /**
   * DescribeAlarms MaxRecords. 'service' sends none, so the service's own default page size applies
   * (AWS's model gives none; the emulator's is configurable). @default 100
   */
  readonly pageSize?: number | 'service';
}

/** The prefix every alarm the stack names by rule starts with (config/presets.ts presetAlarmName). */
export function stackAlarmPrefix(stack: string): string {
  return `${stack}/`;
}

function isNotFound(err: unknown): boolean {
  // JSON 1.0 names the shape (ResourceNotFoundException); the query protocol's code is ResourceNotFound
  // (docs/aws-behaviour.md, "Errors and retries").
  return err instanceof AwsCallError && (err.code === 'ResourceNotFoundException' || err.code === 'ResourceNotFound');
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

type Listing = { readonly AlarmNamePrefix: string } | { readonly AlarmNames: string[] } | Record<string, never>;

/** Whether one of the alarm's metrics (its own, or one of its metric math's) is in `namespace`. */
function watchesNamespace(a: MetricAlarm, namespace: string): boolean {
  return a.Namespace === namespace || (a.Metrics ?? []).some((q) => q.MetricStat?.Metric?.Namespace === namespace);
}

export class CloudWatchAlarmReader implements LiveReader<NamedScope> {
  private readonly concurrency: number;
  private readonly pageSize: number | undefined;

  constructor(
    private readonly cw: CloudWatchClient,
    options: CloudWatchAlarmReaderOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.pageSize = options.pageSize === 'service' ? undefined : (options.pageSize ?? DESCRIBE_ALARMS_MAX);
  }

  async read(scope: NamedScope): Promise<AlarmRead> {
    const calls = new CallCount('cloudwatch');
    const found = new Map<string, MetricAlarm>();
    const namespace = scope.everyInNamespace;
    for (const page of await mapPool(this.listings(scope), this.concurrency, (l) => this.describe(l, calls))) {
      for (const a of page) if (a.AlarmName !== undefined && (namespace === undefined || watchesNamespace(a, namespace))) found.set(a.AlarmName, a);
    }
    const unreadable: string[] = [];
    const alarms = await mapPool([...found.values()], this.concurrency, async (a) => {
      const tags = a.AlarmName !== undefined ? scope.trustedTags?.get(a.AlarmName) : undefined;
      try {
        return tags !== undefined ? alarmFromAws(a, tagsToAws(tags)) : await this.withTags(a, calls);
      } catch (err) {
        // An export reads alarms no file names: one the model cannot describe is left out and reported.
        if (namespace === undefined || !ReconcileError.is(err)) throw err;
        unreadable.push(err.message);
        return undefined;
      }
    });
    const read = alarms.filter((a): a is Alarm => a !== undefined);
    const arns = new Map(read.map((a) => [a.name, found.get(a.name)?.AlarmArn as string]));
    return { state: stateOf(read), calls: calls.snapshot(), arns, ...(unreadable.length > 0 ? { unreadable: unreadable.sort() } : {}) };
  }

  private listings(scope: NamedScope): Listing[] {
    // Every alarm of the account, one listing (DescribeAlarms has no namespace filter).
    if (scope.everyInNamespace !== undefined) return [{}];
    const byName = (names: readonly string[]): Listing[] => chunks([...new Set(names)].sort(), DESCRIBE_ALARMS_MAX).map((AlarmNames) => ({ AlarmNames }));
    if (scope.discovered !== undefined) return byName([...scope.names, ...scope.discovered.keys()].filter((n) => !scope.unchanged?.has(n)));
    const prefix = stackAlarmPrefix(scope.stack);
    return [{ AlarmNamePrefix: prefix }, ...byName([...scope.names].filter((n) => !n.startsWith(prefix)))];
  }

  /** Every page of one DescribeAlarms listing. */
  private async describe(listing: Listing, calls: CallCount): Promise<MetricAlarm[]> {
    const alarms: MetricAlarm[] = [];
    let token: string | undefined;
    do {
      const input: DescribeAlarmsCommandInput = {
        ...listing,
        ...(this.pageSize !== undefined ? { MaxRecords: this.pageSize } : {}),
        ...(token ? { NextToken: token } : {}),
      };
      const page = await calls.call('DescribeAlarms', () => this.cw.send(new DescribeAlarmsCommand(input)));
      alarms.push(...(page.MetricAlarms ?? []));
      token = page.NextToken || undefined;
    } while (token !== undefined);
    return alarms;
  }

  /** The alarm with its tags; undefined when it was deleted since it was listed. */
  private async withTags(a: MetricAlarm, calls: CallCount): Promise<Alarm | undefined> {
    const arn = a.AlarmArn;
    if (arn === undefined) throw new ReconcileError(`DescribeAlarms answered alarm ${a.AlarmName ?? '?'} without AlarmArn`, EXIT.failure);
    try {
      const out = await calls.call('ListTagsForResource', () => this.cw.send(new ListTagsForResourceCommand({ ResourceARN: arn })));
      return alarmFromAws(a, out.Tags);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}
