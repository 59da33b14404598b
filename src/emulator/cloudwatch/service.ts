/**
 * The CloudWatch service of the emulator: metrics, alarms evaluated over them, dashboards and tags, over both wire protocols
 * the CloudWatch API speaks to JS callers, AWS JSON 1.0 (the current SDK's default) and AWS query (older
 * SDKs and moto; docs/aws-behaviour.md, "Wire protocols"). The operations are declared in alarms.ts,
 * dashboards.ts and tags.ts; each request is decoded to the same input object whichever protocol
 * carried it (core/service.ts), and answered in that protocol. Other services publish metrics through
 * `metrics` (metrics.ts publish: SES event publishing); alarm actions publish to SNS through the
 * runtime's links.
 */
import { jsonRpcProtocol } from '../core/json-rpc.js';
import { queryProtocol } from '../core/query.js';
import { serveService } from '../core/service.js';
import { EMULATOR_ACCOUNT_ID, type EmulatorLogger, type MetricSink, type ServiceHandler, type TaggableResource, type TopicPublisher } from '../types.js';
import { alarmOperations, AlarmStore, type AlarmSettings } from './alarms.js';
import { dashboardOperations, DashboardStore, type DashboardSettings } from './dashboards.js';
import { cloudWatchErrors } from './errors.js';
import { MetricStore } from './metric-store.js';
import { MetricOperations, metricOperations } from './metrics.js';
import { TagOperations, tagOperations, TagStore } from './tags.js';

export const CLOUDWATCH_OPERATIONS = [...alarmOperations, ...metricOperations, ...tagOperations, ...dashboardOperations];

export type CloudWatchSettings = AlarmSettings & DashboardSettings;

const DEFAULT_SETTINGS: CloudWatchSettings = { describeAlarmsPageSize: 50, listDashboardsPageSize: 1000 };
/** The largest page each list may have on AWS: MaxRecords ≤ 100, ListDashboards "up to 1000" (model). */
const SETTING_MAX: CloudWatchSettings = { describeAlarmsPageSize: 100, listDashboardsPageSize: 1000 };

export interface CloudWatchHandlerOptions {
  /**
   * The clock for timestamps (AlarmConfigurationUpdatedTimestamp, LastModified …), datapoints and alarm
   * evaluation. @default () => new Date()
   */
  readonly now?: () => Date;
  /** Where alarm actions publish (SNS). @default nowhere: no topic exists */
  readonly topics?: TopicPublisher;
  /** @default no log */
  readonly log?: EmulatorLogger;
}

export interface CloudWatchHandler extends ServiceHandler {
  /** How other services publish their metrics into the store (SES event publishing). */
  readonly metrics: MetricSink;
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

export function createCloudWatchHandler(options: CloudWatchHandlerOptions = {}): CloudWatchHandler {
  const now = options.now ?? (() => new Date());
  let settings = DEFAULT_SETTINGS;
  const tags = new TagStore();
  const store = new MetricStore();
  const log = options.log ?? { write: () => undefined };
  const alarms = new AlarmStore(tags, () => settings, { metrics: store, topics: options.topics ?? { publish: () => undefined }, log });
  const metrics = new MetricOperations(store, alarms, { now }, EMULATOR_ACCOUNT_ID);
  const dashboards = new DashboardStore(tags, () => settings);
  const tagging = new TagOperations(tags, {
    alarmExists: (region, name) => alarms.exists(region, name),
    dashboardExists: (name) => dashboards.exists(name),
  });

  return {
    ...serveService({
      service: 'cloudwatch',
      protocols: [
        jsonRpcProtocol({
          targetPrefix: 'GraniteServiceVersion20100801.',
          version: '1.0',
          namespace: 'com.amazonaws.cloudwatch',
          messageKey: 'message',
          // botocore cloudwatch 2010-08-01 metadata; core/errors.ts says what the SDK then shows.
          queryCompatible: true,
        }),
        queryProtocol({ version: '2010-08-01', xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/', claimWithoutAction: true }),
      ],
      operations: CLOUDWATCH_OPERATIONS,
      errors: cloudWatchErrors(CLOUDWATCH_OPERATIONS.map((o) => o.name)),
      // CloudWatch's throttling error is not modeled; its query code is `Throttling` (docs/aws-behaviour.md,
      // "Errors and retries"), which the SDK's retry logic classifies as throttling by name (@smithy/core
      // retry THROTTLING_ERROR_CODES).
      throttlingError: { code: 'Throttling', message: 'Rate exceeded', status: 400 },
      context: (req) => ({ region: req.region, accountId: req.accountId, now: now(), alarms, dashboards, metrics, tagging }),
    }),
    metrics,
    reset() {
      store.reset();
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
