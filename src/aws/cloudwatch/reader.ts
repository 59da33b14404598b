/**
 * CloudWatchAlarmReader: one stack's metric alarms, with their tags, as canonical State.
 *
 * Premise: DescribeAlarms does not return tags (aws-facts 4.2) and has no tag filter, so finding "this
 * stack's alarms" by tag would cost one ListTagsForResource per alarm of the ACCOUNT. Instead the reader
 * finds them by name, which the file controls:
 *   1. DescribeAlarms with AlarmNamePrefix `<stack>/`, page by page (MaxRecords 100, the most AWS
 *      allows) until NextToken is absent. Every preset alarm is named `<stack>/<owner>/<preset>`
 *      (config/presets.ts presetAlarmName), so this finds the presets the file still has and those it
 *      no longer has (to delete them), and any other alarm under the stack's prefix.
 *   2. DescribeAlarms with AlarmNames for the file's other names (free-form alarms not under the prefix),
 *      at most 100 names per call (the API's limit; AlarmNames cannot be combined with AlarmNamePrefix).
 *   3. ListTagsForResource for each alarm found, by the AlarmArn DescribeAlarms reported: its tags are
 *      part of the model, and STACK_TAG says who owns it (SPEC 5; ownership is decided by diff/, not here).
 * Listings (1 and each chunk of 2) and then the tag reads run in a pool (default 4 calls at once;
 * DescribeAlarms is limited to 9 TPS per Region, the tag calls' limits are not published, aws-facts 4.6).
 *
 * Cost for P alarms under the prefix, F other names in the file and A alarms found:
 *   ceil(P / 100) (at least 1) + ceil(F / 100) + A calls.
 *
 * Known blind spot, on purpose: an alarm tagged with this stack whose name is not under `<stack>/` and
 * that the file no longer names (a free-form alarm removed from the file) is NOT found, so it is not
 * deleted; it stays in the account, untouched. Finding it would take the account-wide tag read this
 * design exists to avoid. Name free-form alarms `<stack>/…` to have them cleaned up when removed.
 *
 * Only metric alarms are read (AlarmTypes omitted: "only metric alarms are returned", aws-facts 4.2);
 * ses-reconcile makes no composite alarms. An alarm deleted between the listing and its tag read
 * (ResourceNotFound) is left out: the state is what exists.
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
import type { Alarm } from '../../model/resources.js';
import { stateOf, type State } from '../../model/state.js';
import { mapPool } from '../pool.js';
import { alarmFromAws } from './mapping.js';

/** DescribeAlarms takes at most 100 AlarmNames and answers at most 100 alarms per page (aws-facts 4.2). */
export const DESCRIBE_ALARMS_MAX = 100;

export interface AlarmReadScope {
  readonly stack: string;
  /** Every alarm name the file has (presets and free-form): the ones outside `<stack>/` are read by name. */
  readonly alarmNames: ReadonlySet<string>;
}

export interface AlarmRead {
  /** The alarms found, each with its tags. */
  readonly state: State;
  /** API calls made, by `cloudwatch:Operation`: one per command sent (the SDK's own retries are not counted). */
  readonly calls: Record<string, number>;
  /** Alarm name -> the AlarmArn DescribeAlarms reported: for the step runner's tag calls (aws-facts 4.4). */
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
  // JSON 1.0 names the shape (ResourceNotFoundException); the query protocol's code is ResourceNotFound (aws-facts 5).
  return err instanceof AwsCallError && (err.code === 'ResourceNotFoundException' || err.code === 'ResourceNotFound');
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

type Listing = { readonly AlarmNamePrefix: string } | { readonly AlarmNames: string[] };

export class CloudWatchAlarmReader {
  private readonly concurrency: number;
  private readonly pageSize: number | undefined;

  constructor(
    private readonly cw: CloudWatchClient,
    options: CloudWatchAlarmReaderOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.pageSize = options.pageSize === 'service' ? undefined : (options.pageSize ?? DESCRIBE_ALARMS_MAX);
  }

  async read(scope: AlarmReadScope): Promise<AlarmRead> {
    const calls = new CallCount('cloudwatch');
    const prefix = stackAlarmPrefix(scope.stack);
    const others = [...scope.alarmNames].filter((n) => !n.startsWith(prefix)).sort();
    const listings: Listing[] = [{ AlarmNamePrefix: prefix }, ...chunks(others, DESCRIBE_ALARMS_MAX).map((AlarmNames) => ({ AlarmNames }))];
    const found = new Map<string, MetricAlarm>();
    for (const page of await mapPool(listings, this.concurrency, (l) => this.describe(l, calls))) {
      for (const a of page) if (a.AlarmName !== undefined) found.set(a.AlarmName, a);
    }
    const alarms = await mapPool([...found.values()], this.concurrency, (a) => this.withTags(a, calls));
    const read = alarms.filter((a): a is Alarm => a !== undefined);
    const arns = new Map(read.map((a) => [a.name, found.get(a.name)?.AlarmArn as string]));
    return { state: stateOf(read), calls: calls.snapshot(), arns };
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
