/**
 * CloudWatch dashboards: CloudWatchDashboardReader (the named dashboards, as canonical State, with their
 * ownership tag) and CloudWatchDashboardRunner (one call per step).
 *
 * Dashboards are global (docs/aws-behaviour.md, "Dashboards"): one namespace per account, whatever the Region.
 *
 * Reader, for N named dashboards of which E exist, D dashboards in the account:
 *   1. ListDashboards, every page (up to 1000 per page, no page-size parameter), to learn which of the
 *      names exist and their DashboardArn. One listing of the account rather than a GetDashboard per name:
 *      a missing name costs nothing, and the names share no prefix to narrow it by.
 *   2. GetDashboard for each named one that exists: DashboardBody parsed as JSON becomes a literal source
 *      (compare parsed JSON, never the string: byte-identical round trips are not documented,
 *      docs/aws-behaviour.md, "Dashboards").
 *   3. ListTagsForResource on the DashboardArn AWS reported: the ownership tags (STACK_TAG and
 *      REGION_TAG, model/resources.ts) are kept, no other tag.
 *   Cost: ceil(D / 1000) (at least 1) + 2E calls. Steps 2 and 3 run in a pool (default 4 at once).
 *   A dashboard deleted between the listing and its reads (ResourceNotFound) is left out.
 *
 * Runner: PutDashboard (the body JSON.stringify'd; Tags only apply on create, docs/aws-behaviour.md, so they
 * are sent every time and AWS ignores them on update), TagResource on the DashboardArn for tags of an
 * existing dashboard, and DeleteDashboards with one name. A dashboard already
 * gone when deleted is success: the step wants it absent.
 */
import {
  DeleteDashboardsCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  ListTagsForResourceCommand,
  PutDashboardCommand,
  TagResourceCommand,
  type CloudWatchClient,
} from '@aws-sdk/client-cloudwatch';
import { AwsCallError, EXIT, ReconcileError } from '../../errors.js';
import type { DashboardScope, LiveRead, LiveReader } from '../../live/port.js';
import { assertNever } from '../../model/canonical.js';
import { dashboardArn } from '../../model/arn.js';
import { canonicalTags } from '../../model/canonical.js';
import { REGION_TAG, STACK_TAG, type Dashboard } from '../../model/resources.js';
import { AWS_OPERATION, type DashboardStep } from '../../model/step.js';
import { stateOf } from '../../model/state.js';
import { CallCount } from '../call-count.js';
import { callFailure } from '../errors.js';
import { mapPool } from '../pool.js';
import { tagsFromAws, tagsToAws } from './mapping.js';

export interface DashboardRead extends LiveRead {
  /** Dashboard name -> DashboardArn as ListDashboards reported it, for every dashboard in `state`. */
  readonly arns: ReadonlyMap<string, string>;
}

export interface CloudWatchDashboardReaderOptions {
  /** Calls in flight at once. @default 4 */
  readonly concurrency?: number;
}


/**
 * GetDashboard's DashboardNotFoundError has code ResourceNotFound (docs/aws-behaviour.md, "Dashboards"); JSON
 * 1.0 may name the shape.
 */
function isNotFound(err: unknown): boolean {
  return (
    err instanceof AwsCallError &&
    (err.code === 'ResourceNotFound' || err.code === 'ResourceNotFoundException' || err.code === 'DashboardNotFoundError' || err.code === 'DashboardNotFoundErrorException')
  );
}

interface Found {
  readonly dashboard: Dashboard;
  readonly arn: string;
}

export class CloudWatchDashboardReader implements LiveReader<DashboardScope> {
  private readonly concurrency: number;

  constructor(
    private readonly cw: CloudWatchClient,
    options: CloudWatchDashboardReaderOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  async read(scope: DashboardScope): Promise<DashboardRead> {
    const calls = new CallCount('cloudwatch');
    // No names, nothing to look for: not even a listing (dashboards are found by the file's names only).
    if (scope.names.size === 0 && !scope.every) return { state: new Map(), calls: {}, arns: new Map() };
    const arns = await this.list(scope.every ? undefined : scope.names, calls);
    const named = [...arns.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const found = (await mapPool(named, this.concurrency, ([name, arn]) => this.one(name, arn, calls))).filter((f): f is Found => f !== undefined);
    return {
      state: stateOf(found.map((f) => f.dashboard)),
      calls: calls.snapshot(),
      arns: new Map(found.map((f) => [f.dashboard.name, f.arn])),
    };
  }

  /** Name -> DashboardArn of the named dashboards that exist: every ListDashboards page. */
  private async list(names: ReadonlySet<string> | undefined, calls: CallCount): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let token: string | undefined;
    do {
      const input = token ? { NextToken: token } : {};
      const page = await calls.call('ListDashboards', () => this.cw.send(new ListDashboardsCommand(input)));
      for (const e of page.DashboardEntries ?? []) {
        if (e.DashboardName === undefined || (names !== undefined && !names.has(e.DashboardName))) continue;
        if (e.DashboardArn === undefined) throw new ReconcileError(`ListDashboards answered dashboard ${e.DashboardName} without DashboardArn`, EXIT.failure);
        out.set(e.DashboardName, e.DashboardArn);
      }
      token = page.NextToken || undefined;
    } while (token !== undefined);
    return out;
  }

  /** The dashboard and its owner; undefined when it was deleted since it was listed. */
  private async one(name: string, arn: string, calls: CallCount): Promise<Found | undefined> {
    try {
      const got = await calls.call('GetDashboard', () => this.cw.send(new GetDashboardCommand({ DashboardName: name })));
      const text = got.DashboardBody ?? '';
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (err) {
        throw new ReconcileError(`GetDashboard answered dashboard ${name} with a body that is not JSON: ${(err as Error).message}`, EXIT.failure);
      }
      const tags = await calls.call('ListTagsForResource', () => this.cw.send(new ListTagsForResourceCommand({ ResourceARN: arn })));
      const all = tagsFromAws(tags.Tags);
      // The model keeps only the ownership tags of a dashboard (model/resources.ts Dashboard).
      const own = canonicalTags(Object.fromEntries([STACK_TAG, REGION_TAG].filter((k) => all[k] !== undefined).map((k) => [k, all[k] as string])));
      return { dashboard: { kind: 'dashboard', name, source: { type: 'literal', body }, tags: own }, arn };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

/** Runs DashboardStep: each becomes exactly one CloudWatch command. */
export class CloudWatchDashboardRunner {
  /**
   * `arns`: the reader's; a dashboard it did not see gets a built ARN (docs/aws-behaviour.md, "Tagging"
   * prefers AWS's own).
   */
  constructor(
    private readonly cw: CloudWatchClient,
    private readonly at: { readonly region: string; readonly accountId: string; readonly arns?: ReadonlyMap<string, string> },
  ) {}

  private async send(operation: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      throw callFailure(err, 'cloudwatch', operation);
    }
  }

  async run(step: DashboardStep): Promise<void> {
    switch (step.op) {
      case 'PutDashboard': {
        const tags = step.tags && Object.keys(step.tags).length > 0 ? { Tags: tagsToAws(step.tags) } : {};
        await this.send(AWS_OPERATION[step.op], () => this.cw.send(new PutDashboardCommand({ DashboardName: step.name, DashboardBody: JSON.stringify(step.body), ...tags })));
        return;
      }
      case 'TagDashboard': {
        const arn = this.at.arns?.get(step.name) ?? dashboardArn(this.at.region, this.at.accountId, step.name);
        await this.send(AWS_OPERATION[step.op], () => this.cw.send(new TagResourceCommand({ ResourceARN: arn, Tags: tagsToAws(step.tags) })));
        return;
      }
      case 'DeleteDashboard':
        try {
          await this.send(AWS_OPERATION[step.op], () => this.cw.send(new DeleteDashboardsCommand({ DashboardNames: [step.name] })));
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        return;
      default:
        assertNever(step);
    }
  }
}
