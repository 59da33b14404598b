/**
 * The CloudWatch service of the emulator: alarms, dashboards and their tags, over both wire protocols
 * the CloudWatch API speaks to JS callers, AWS JSON 1.0 (protocol-json.ts, the current SDK's default) and
 * AWS query (protocol-query.ts, older SDKs and moto). Each request is decoded to the same input object,
 * served by alarms.ts, dashboards.ts or tags.ts, and the output or error encoded in the request's protocol.
 */
import { requestId, type EmulatorRequest, type EmulatorResponse, type InjectedError, type ServiceHandler, type TaggableResource } from '../types.js';
import { AlarmStore, type AlarmSettings, type RequestContext } from './alarms.js';
import { DashboardStore, type DashboardSettings } from './dashboards.js';
import { CloudWatchError, fromInjected } from './errors.js';
import { INPUT_SHAPES, type Input } from './input-shapes.js';
import { decodeJson, encodeJson, encodeJsonError, isJsonRequest, jsonOperation, unknownJsonOperation } from './protocol-json.js';
import { decodeQuery, encodeQuery, encodeQueryError, invalidAction, queryOperation } from './protocol-query.js';
import { TagOperations, TagStore } from './tags.js';

export type CloudWatchSettings = AlarmSettings & DashboardSettings;

const DEFAULT_SETTINGS: CloudWatchSettings = { describeAlarmsPageSize: 50, listDashboardsPageSize: 1000 };
/** The largest page each list may have on AWS: MaxRecords ≤ 100, ListDashboards "up to 1000" (model). */
const SETTING_MAX: CloudWatchSettings = { describeAlarmsPageSize: 100, listDashboardsPageSize: 1000 };

export interface CloudWatchHandlerOptions {
  /** The clock for timestamps (AlarmConfigurationUpdatedTimestamp, LastModified …). @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * Settings from `PUT /_emulator/config/cloudwatch`: page sizes, so tests can page without creating
 * thousands of resources. `reset()` keeps them: they configure the emulator, they are not AWS state.
 */
function parseSettings(settings: unknown, current: CloudWatchSettings): CloudWatchSettings {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new Error('cloudwatch settings must be an object');
  const next: { -readonly [K in keyof CloudWatchSettings]: number } = { ...current };
  for (const [key, value] of Object.entries(settings)) {
    if (!Object.hasOwn(SETTING_MAX, key)) throw new Error(`unknown cloudwatch setting "${key}"; known: ${Object.keys(SETTING_MAX).join(', ')}`);
    const max = SETTING_MAX[key as keyof CloudWatchSettings];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
      throw new Error(`cloudwatch setting ${key} must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
    }
    next[key as keyof CloudWatchSettings] = value;
  }
  return next;
}

export function createCloudWatchHandler(options: CloudWatchHandlerOptions = {}): ServiceHandler {
  const now = options.now ?? (() => new Date());
  let settings = DEFAULT_SETTINGS;
  const tags = new TagStore();
  const alarms = new AlarmStore(tags, () => settings);
  const dashboards = new DashboardStore(tags, () => settings);
  const tagging = new TagOperations(tags, {
    alarmExists: (region, name) => alarms.exists(region, name),
    dashboardExists: (name) => dashboards.exists(name),
  });

  const operations: Readonly<Record<string, (input: Input, ctx: RequestContext) => object | undefined>> = {
    PutMetricAlarm: (i, c) => alarms.putMetricAlarm(i, c),
    DescribeAlarms: (i, c) => alarms.describeAlarms(i, c),
    DeleteAlarms: (i, c) => alarms.deleteAlarms(i, c),
    TagResource: (i, c) => tagging.tagResource(i, c),
    UntagResource: (i, c) => tagging.untagResource(i, c),
    ListTagsForResource: (i, c) => tagging.listTagsForResource(i, c),
    PutDashboard: (i, c) => dashboards.putDashboard(i, c),
    GetDashboard: (i) => dashboards.getDashboard(i),
    ListDashboards: (i) => dashboards.listDashboards(i),
    DeleteDashboards: (i) => dashboards.deleteDashboards(i),
  };

  const encodeError = (req: EmulatorRequest, err: CloudWatchError): EmulatorResponse =>
    isJsonRequest(req) ? encodeJsonError(err, requestId()) : encodeQueryError(err, requestId());

  return {
    service: 'cloudwatch',
    operationOf: (req) => jsonOperation(req) ?? queryOperation(req),
    handle(req, operation) {
      const json = isJsonRequest(req);
      try {
        const serve = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
        const members = INPUT_SHAPES[operation];
        if (!serve || !members) {
          const err = json ? unknownJsonOperation(operation) : invalidAction(operation);
          throw new CloudWatchError(err.code, err.shape, err.status, `${err.message} The ses-reconcile emulator serves CloudWatch ${Object.keys(operations).join(', ')}.`);
        }
        const input = json ? decodeJson(req, members) : decodeQuery(req, members);
        const output = serve(input, { region: req.region, accountId: req.accountId, now: now() });
        const id = requestId();
        return json ? encodeJson(output, id) : encodeQuery(operation, output, id);
      } catch (err) {
        if (err instanceof CloudWatchError) return encodeError(req, err);
        // A bug of ours: answer CloudWatch's own 500 in the request's protocol, so SDKs report it sanely.
        const message = `ses-reconcile emulator bug in CloudWatch ${operation}: ${(err as Error).message}`;
        return encodeError(req, new CloudWatchError('InternalServiceError', 'InternalServiceFault', 500, message));
      }
    },
    errorResponse: (req, _operation, error: InjectedError) => encodeError(req, fromInjected(error)),
    // CloudWatch's throttling error is not modeled; its query code is `Throttling` (docs/aws-behaviour.md,
    // "Errors and retries"), which the SDK's retry logic classifies as throttling by name (@smithy/core retry
    // THROTTLING_ERROR_CODES).
    throttlingError: { code: 'Throttling', message: 'Rate exceeded', status: 400 },
    reset() {
      alarms.reset();
      dashboards.reset();
      tags.reset();
    },
    configure(s: unknown) {
      settings = parseSettings(s, settings);
    },
    // Alarms only: dashboards are not in the tag index (their ARN has no Region; docs/aws-behaviour.md,
    // "The tag index").
    *taggableResources(): Iterable<TaggableResource> {
      for (const { region, arn } of alarms.all()) yield { region, arn, tags: tags.get(arn) };
    },
  };
}
