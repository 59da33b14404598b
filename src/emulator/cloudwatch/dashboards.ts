/**
 * Dashboards: PutDashboard, GetDashboard, ListDashboards, DeleteDashboards (docs/aws-behaviour.md,
 * "Dashboards"). "All dashboards in your account are global, not region-specific" (model, PutDashboard): one
 * set for every region.
 *
 * The body is stored and returned as sent; AWS validates it but does not rewrite it (documented only as
 * "use GetDashboard, and then use the data returned within DashboardBody as the template", so
 * INFERENCE, and callers should compare parsed JSON, docs/aws-behaviour.md, "Dashboards"). Our validation is
 * the part every dashboard needs: a JSON object with a `widgets` array of widget objects that each have a
 * `type`. AWS checks far more (each widget type's properties); we do not emulate that.
 */
import { listPosition } from '../core/list-order.js';
import { pageOf, type TokenRules } from '../core/paging.js';
import { structure } from '../core/shapes.js';
import { dashboardArn } from './arn.js';
import { operation, type CloudWatchContext, type Input } from './context.js';
import { constraints, dashboardInvalidInput, dashboardNotFound, invalidParameterValue, type DashboardValidationMessage } from './errors.js';
import { Names, TagList, Text } from './shapes.js';
import { checkTags, tooManyTags, type Tag, type TagStore } from './tags.js';

interface StoredDashboard {
  readonly name: string;
  readonly arn: string;
  readonly body: string;
  readonly lastModified: Date;
}

/** "The maximum length is 255, and valid characters are A-Z, a-z, 0-9, "-", and "_"." (model, PutDashboard) */
const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** ListDashboards' prefix may also contain "." (model, DashboardNamePrefix). */
const DASHBOARD_PREFIX = /^[A-Za-z0-9._-]{0,255}$/;
/** "You can specify up to 100 dashboards to delete." (model, DeleteDashboards) */
const MAX_DELETE = 100;

export interface DashboardSettings {
  /** "ListDashboards returns up to 1000 results on one page" (model). @default 1000 */
  readonly listDashboardsPageSize: number;
}

/**
 * ListDashboards answers in the emulator's list order (core/list-order.ts: AWS documents none). A token
 * that does not decode, or was issued for another prefix, answers InvalidParameterValue: ListDashboards
 * models no InvalidNextToken, and InvalidParameterValue is its client error (model).
 */
const DASHBOARD_TOKENS: TokenRules = {
  list: 'cloudwatch:ListDashboards',
  malformed: () => invalidParameterValue('The value of parameter NextToken is not valid.'),
};

/** What AWS's body validation reports, in its words where known ("Should have required property …"). */
function bodyProblems(body: string): DashboardValidationMessage[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    return [{ DataPath: '', Message: `Should be valid JSON: ${(err as Error).message}` }];
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [{ DataPath: '', Message: 'Should be object' }];
  const widgets = (doc as { widgets?: unknown }).widgets;
  if (widgets === undefined) return [{ DataPath: '', Message: "Should have required property 'widgets'" }];
  if (!Array.isArray(widgets)) return [{ DataPath: '/widgets', Message: 'Should be array' }];
  const problems: DashboardValidationMessage[] = [];
  widgets.forEach((w: unknown, i) => {
    const at = `/widgets/${i}`;
    if (typeof w !== 'object' || w === null || Array.isArray(w)) problems.push({ DataPath: at, Message: 'Should be object' });
    else if (!('type' in w)) problems.push({ DataPath: at, Message: "Should have required property 'type'" });
    else if (typeof (w as { type: unknown }).type !== 'string') problems.push({ DataPath: `${at}/type`, Message: 'Should be string' });
  });
  return problems;
}

export class DashboardStore {
  private readonly dashboards = new Map<string, StoredDashboard>();

  constructor(
    private readonly tags: TagStore,
    private readonly settings: () => DashboardSettings,
  ) {}

  reset(): void {
    this.dashboards.clear();
  }

  exists(name: string): boolean {
    return this.dashboards.has(name);
  }

  /**
   * Create, or replace the whole body of, a dashboard. Tags apply only on create: "If you specify Tags when
   * updating an existing dashboard, the tag updates are ignored." (model, PutDashboard)
   */
  putDashboard(input: Input, ctx: Pick<CloudWatchContext, 'region' | 'accountId' | 'now'>): Record<string, unknown> {
    const name = input.DashboardName as string | undefined;
    const body = input.DashboardBody as string | undefined;
    const tags = input.Tags as Partial<Tag>[] | undefined;
    const c = constraints();
    c.required('dashboardName', name).required('dashboardBody', body);
    checkTags(c, 'tags', tags);
    c.check();
    checkName(name as string);
    const problems = bodyProblems(body as string);
    if (problems.length > 0) throw dashboardInvalidInput(problems);
    const existing = this.dashboards.get(name as string);
    if (!existing && tags && tags.length > 50) throw tooManyTags(tags.length);
    const arn = existing?.arn ?? dashboardArn(ctx.region, ctx.accountId, name as string);
    this.dashboards.set(name as string, { name: name as string, arn, body: body as string, lastModified: ctx.now });
    if (!existing && tags && tags.length > 0) this.tags.tag(arn, tags as Tag[]);
    // AWS answers warnings here when the body is valid but questionable; ours has none to give.
    return { DashboardValidationMessages: [] };
  }

  getDashboard(input: Input): Record<string, unknown> {
    const name = input.DashboardName as string | undefined;
    constraints().required('dashboardName', name).check();
    const d = this.dashboards.get(name as string);
    if (!d) throw dashboardNotFound(`Dashboard ${name} does not exist`);
    return { DashboardArn: d.arn, DashboardBody: d.body, DashboardName: d.name };
  }

  listDashboards(input: Input): Record<string, unknown> {
    const prefix = (input.DashboardNamePrefix as string | undefined) ?? '';
    const token = input.NextToken as string | undefined;
    if (!DASHBOARD_PREFIX.test(prefix)) {
      throw invalidParameterValue(`The value ${prefix} for field DashboardNamePrefix contains invalid characters. It can only contain alphanumerics, dot (.), dash (-) and underscore (_).`);
    }
    const matching = [...this.dashboards.values()].filter((d) => d.name.startsWith(prefix));
    const page = pageOf(DASHBOARD_TOKENS, matching, { positionOf: (d) => listPosition(d.name), size: this.settings().listDashboardsPageSize, token, scope: prefix });
    return {
      DashboardEntries: page.items.map((d) => ({
        DashboardName: d.name,
        DashboardArn: d.arn,
        LastModified: d.lastModified,
        // "The size of the dashboard, in bytes." (model, DashboardEntry.Size)
        Size: Buffer.byteLength(d.body, 'utf8'),
      })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  }

  /**
   * "If there is an error during this call, the operation attempts to delete as many dashboards as
   * possible." (model, DeleteDashboards, current wording). So the names that exist are deleted, and if
   * any name does not, the call then answers DashboardNotFoundError naming them (the error the operation
   * was modeled with before, "@throws DashboardNotFoundErrorException The specified dashboard does not
   * exist", AWS SDK for Java 1.11 AmazonCloudWatch.deleteDashboards). INFERENCE: the older docs said "no
   * dashboards are deleted" on error, and moto still deletes none; we follow the current docs.
   */
  deleteDashboards(input: Input): Record<string, unknown> {
    const names = input.DashboardNames as string[] | undefined;
    constraints().required('dashboardNames', names).check();
    if (!names || names.length === 0) throw invalidParameterValue('The parameter DashboardNames must contain at least one dashboard name.');
    if (names.length > MAX_DELETE) throw invalidParameterValue(`You can delete up to ${MAX_DELETE} dashboards in one call; got ${names.length}.`);
    const unknown: string[] = [];
    for (const name of names) {
      const d = this.dashboards.get(name);
      if (!d) {
        if (!unknown.includes(name)) unknown.push(name);
        continue;
      }
      this.dashboards.delete(name);
      this.tags.forget(d.arn);
    }
    if (unknown.length > 0) throw dashboardNotFound(`The specified dashboard does not exist. [${unknown.join(', ')}]`);
    return {};
  }
}

/**
 * INFERENCE on the code: LocalStack's CloudWatch answers InvalidParameterValue here, with the wording the
 * AWS CDK also uses for the same rule ("… for field dashboardName contains invalid characters. It can only
 * contain alphanumerics, dash (-) and underscore (_).", aws-cdk-lib aws-cloudwatch Dashboard).
 */
function checkName(name: string): void {
  if (DASHBOARD_NAME.test(name)) return;
  throw invalidParameterValue(
    name.length > 255
      ? `The value for field DashboardName must be at most 255 characters long.`
      : `The value ${name} for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).`,
  );
}

export const dashboardOperations = [
  operation<Input>({
    name: 'PutDashboard',
    input: structure({ DashboardName: Text, DashboardBody: Text, Tags: TagList }),
    run: (input, ctx) => ctx.dashboards.putDashboard(input, ctx),
  }),
  operation<Input>({
    name: 'GetDashboard',
    input: structure({ DashboardName: Text }),
    run: (input, ctx) => ctx.dashboards.getDashboard(input),
  }),
  operation<Input>({
    name: 'ListDashboards',
    input: structure({ DashboardNamePrefix: Text, NextToken: Text }),
    run: (input, ctx) => ctx.dashboards.listDashboards(input),
  }),
  operation<Input>({
    name: 'DeleteDashboards',
    input: structure({ DashboardNames: Names }),
    run: (input, ctx) => ctx.dashboards.deleteDashboards(input),
  }),
];
