/**
 * SESv2 shapes <-> model on hand-written answers: the shapes real AWS, moto and our emulator give for the
 * same state must read as exactly what the config pipeline makes of a file meaning that state (no
 * perpetual diffs), and requests must carry what the model says and nothing it leaves unset.
 */
import { describe, expect, it } from 'vitest';
import type { EventDestination as AwsEventDestination, GetConfigurationSetResponse } from '@aws-sdk/client-sesv2';
import {
  archivingOptionsInput,
  configurationSetFromAws,
  createConfigurationSetInput,
  deliveryOptionsInput,
  eventDestinationDefinition,
  eventDestinationFromAws,
  suppressionOptionsInput,
  trackingOptionsInput,
  vdmOptionsInput,
} from '../../../src/aws/sesv2/mapping.js';
import { ReconcileError } from '../../../src/errors.js';
import type { ConfigurationSet, EventDestination, TopicRef } from '../../../src/model/resources.js';
import { lines, load, resource } from '../../helpers/config.js';

const HEAD = 'version: 1\nstack: s\n';
const STACK_TAG = { Key: 'ses-reconcile:stack', Value: 's' };

/** The set `a` as the real config pipeline makes it from `body` (the lines under `a:`). */
function desiredSet(body: string): ConfigurationSet {
  const r = load(`${HEAD}configurationSets:\n  a:\n${body.replace(/^/gm, '    ')}\n`);
  expect(lines(r).filter((l) => l.includes(' error '))).toEqual([]);
  return resource(r, 'configurationSet', 'a');
}

function desiredDestination(body: string): EventDestination {
  const r = load(`${HEAD}topics: { alerts: {} }\nconfigurationSets:\n  a:\n    eventDestinations:\n      d: ${body}\n`);
  expect(lines(r).filter((l) => l.includes(' error '))).toEqual([]);
  return resource(r, 'eventDestination', 'a/d');
}

/** Live sets always carry sendingEnabled; a file that omits it leaves it unmanaged. */
function withoutSending(s: ConfigurationSet): ConfigurationSet {
  const { sendingEnabled: _ignored, ...rest } = s;
  return rest;
}

const realMinimal: GetConfigurationSetResponse = {
  ConfigurationSetName: 'a',
  ReputationOptions: { ReputationMetricsEnabled: false, LastFreshStart: new Date('2026-01-01T00:00:00Z') },
  SendingOptions: { SendingEnabled: true },
  Tags: [STACK_TAG],
};

describe('configurationSetFromAws: AWS spellings of the defaults read as the file would say them', () => {
  it('reads a fresh set as real AWS answers it (reputation and sending present, LastFreshStart dropped)', () => {
    const live = configurationSetFromAws(realMinimal);
    expect(withoutSending(live)).toEqual(desiredSet('{}'));
    expect(live.sendingEnabled).toBe(true);
  });

  it("reads moto's answer for a fresh set (every group {}; SendingEnabled: {}) as the same defaults", () => {
    const moto = {
      ConfigurationSetName: 'a',
      TrackingOptions: {},
      DeliveryOptions: {},
      ReputationOptions: {},
      SendingOptions: { SendingEnabled: {} },
      Tags: [STACK_TAG],
      SuppressionOptions: {},
      VdmOptions: {},
    } as unknown as GetConfigurationSetResponse;
    expect(configurationSetFromAws(moto)).toEqual(configurationSetFromAws(realMinimal));
  });

  it('reads an answer with no optional group at all (not even reputation or sending) as the defaults, sending enabled', () => {
    const bare = configurationSetFromAws({ ConfigurationSetName: 'a', Tags: [STACK_TAG] });
    expect(bare).toEqual(configurationSetFromAws(realMinimal));
  });

  it('takes the listed name when the answer has none', () => {
    expect(configurationSetFromAws({ Tags: [] }, 'listed').name).toBe('listed');
    expect(() => configurationSetFromAws({ Tags: [] })).toThrow(ReconcileError);
  });

  it('folds DeliveryOptions without TlsPolicy to OPTIONAL and keeps pool and window', () => {
    const live = configurationSetFromAws({ ...realMinimal, DeliveryOptions: { SendingPoolName: 'shared', MaxDeliverySeconds: 600 } });
    expect(withoutSending(live)).toEqual(desiredSet('delivery: { sendingPoolName: shared, maxDeliverySeconds: 600 }'));
    expect(live.delivery).toEqual({ tlsPolicy: 'OPTIONAL', sendingPoolName: 'shared', maxDeliverySeconds: 600 });
  });

  it('reads TlsPolicy OPTIONAL written out as the file that omits delivery', () => {
    const live = configurationSetFromAws({ ...realMinimal, DeliveryOptions: { TlsPolicy: 'OPTIONAL' } });
    expect(withoutSending(live)).toEqual(desiredSet('{}'));
    expect(withoutSending(live)).toEqual(desiredSet('delivery: { tlsPolicy: OPTIONAL }'));
  });

  it('folds TrackingOptions without HttpsPolicy to OPTIONAL; a tracking group without a domain is none', () => {
    const live = configurationSetFromAws({ ...realMinimal, TrackingOptions: { CustomRedirectDomain: 'click.example.com' } });
    expect(withoutSending(live)).toEqual(desiredSet('tracking: { customRedirectDomain: click.example.com }'));
    expect(withoutSending(live)).toEqual(desiredSet('tracking: { customRedirectDomain: click.example.com, httpsPolicy: OPTIONAL }'));
    expect(configurationSetFromAws({ ...realMinimal, TrackingOptions: { CustomRedirectDomain: '' } }).tracking).toBeUndefined();
  });

  it('keeps SuppressedReasons [] as "no suppression for this set", distinct from no SuppressionOptions', () => {
    const empty = configurationSetFromAws({ ...realMinimal, SuppressionOptions: { SuppressedReasons: [] } });
    expect(empty.suppression).toEqual({ reasons: [] });
    expect(withoutSending(empty)).toEqual(desiredSet('suppression: { reasons: [] }'));
    expect(configurationSetFromAws(realMinimal).suppression).toBeUndefined();
  });

  it('sorts SuppressedReasons and reads validation options', () => {
    const live = configurationSetFromAws({
      ...realMinimal,
      SuppressionOptions: {
        SuppressedReasons: ['COMPLAINT', 'BOUNCE'],
        SuppressionScope: 'ACCOUNT',
        ValidationOptions: { ConditionThreshold: { ConditionThresholdEnabled: 'ENABLED', OverallConfidenceThreshold: { ConfidenceVerdictThreshold: 'HIGH' } } },
      },
    });
    expect(withoutSending(live)).toEqual(
      desiredSet('suppression: { reasons: [BOUNCE, COMPLAINT], validation: { conditionThreshold: ENABLED, confidenceVerdictThreshold: HIGH }, scope: ACCOUNT }'),
    );
  });

  it('reads empty VdmOptions shapes as the account default and a partial one as what it says', () => {
    for (const VdmOptions of [{}, { DashboardOptions: {} }, { DashboardOptions: {}, GuardianOptions: {} }]) {
      expect(configurationSetFromAws({ ...realMinimal, VdmOptions }).vdm).toBeUndefined();
    }
    const live = configurationSetFromAws({ ...realMinimal, VdmOptions: { GuardianOptions: { OptimizedSharedDelivery: 'DISABLED' } } });
    expect(withoutSending(live)).toEqual(desiredSet('vdm: { optimizedSharedDelivery: DISABLED }'));
  });

  it('reads tags as a sorted record; a tag without a value is ""', () => {
    const live = configurationSetFromAws({
      ...realMinimal,
      Tags: [{ Key: 'zeta', Value: '' }, STACK_TAG, { Key: 'alpha' } as { Key: string; Value: string }],
    });
    expect(live.tags).toEqual({ alpha: '', 'ses-reconcile:stack': 's', zeta: '' });
    expect(Object.keys(live.tags)).toEqual(['alpha', 'ses-reconcile:stack', 'zeta']);
    expect(withoutSending(live)).toEqual(desiredSet('tags: { zeta: "", alpha: "" }'));
  });

  it('reads every group set to non-defaults as the file that says so', () => {
    const live = configurationSetFromAws({
      ConfigurationSetName: 'a',
      TrackingOptions: { CustomRedirectDomain: 'click.example.com', HttpsPolicy: 'REQUIRE' },
      DeliveryOptions: { TlsPolicy: 'REQUIRE', SendingPoolName: 'shared', MaxDeliverySeconds: 900 },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: false },
      Tags: [{ Key: 'team', Value: 'email' }, STACK_TAG],
      SuppressionOptions: { SuppressedReasons: ['BOUNCE'] },
      VdmOptions: { DashboardOptions: { EngagementMetrics: 'ENABLED' }, GuardianOptions: { OptimizedSharedDelivery: 'DISABLED' } },
      ArchivingOptions: { ArchiveArn: 'arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-abcdefghijklmnopqrstuvwxyz' },
    });
    expect(live).toEqual(
      desiredSet(`sendingEnabled: false
reputationMetricsEnabled: true
delivery: { tlsPolicy: REQUIRE, sendingPoolName: shared, maxDeliverySeconds: 900 }
tracking: { customRedirectDomain: click.example.com, httpsPolicy: REQUIRE }
suppression: { reasons: [BOUNCE] }
vdm: { engagementMetrics: ENABLED, optimizedSharedDelivery: DISABLED }
archiveArn: arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-abcdefghijklmnopqrstuvwxyz
tags: { team: email }`),
    );
  });
});

describe('eventDestinationFromAws', () => {
  it('reads Enabled absent as false (the API default), sorts events and dimensions', () => {
    const live = eventDestinationFromAws('a', {
      Name: 'd',
      MatchingEventTypes: ['SEND', 'BOUNCE', 'COMPLAINT'],
      CloudWatchDestination: {
        DimensionConfigurations: [
          { DimensionName: 'z', DimensionValueSource: 'EMAIL_HEADER', DefaultDimensionValue: 'none' },
          { DimensionName: 'ses:configuration-set', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'a' },
        ],
      },
    });
    expect(live).toEqual(
      desiredDestination(
        '{ enabled: false, events: [COMPLAINT, BOUNCE, SEND], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: a }, z: { source: EMAIL_HEADER, default: none } } } }',
      ),
    );
  });

  it('reads an SNS destination as {arn}; the file may name the topic, which the planner resolves', () => {
    const live = eventDestinationFromAws('a', { Name: 'd', Enabled: true, MatchingEventTypes: ['BOUNCE'], SnsDestination: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' } });
    expect(live.target).toEqual({ type: 'sns', topic: { arn: 'arn:aws:sns:us-east-1:123456789012:alerts' } });
    expect(live).toEqual(desiredDestination('{ events: [BOUNCE], sns: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts" } }'));
  });

  it('reads Firehose, EventBridge and Pinpoint destinations as the file writes them', () => {
    const cases: [AwsEventDestination, string][] = [
      [
        { Name: 'd', Enabled: true, MatchingEventTypes: ['SEND'], KinesisFirehoseDestination: { DeliveryStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/s', IamRoleArn: 'arn:aws:iam::123456789012:role/r' } },
        '{ events: [SEND], kinesisFirehose: { deliveryStreamArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/s", iamRoleArn: "arn:aws:iam::123456789012:role/r" } }',
      ],
      [
        { Name: 'd', Enabled: true, MatchingEventTypes: ['BOUNCE'], EventBridgeDestination: { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' } },
        '{ events: [BOUNCE], eventBridge: { eventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/default" } }',
      ],
      [
        { Name: 'd', Enabled: true, MatchingEventTypes: ['OPEN', 'CLICK'], PinpointDestination: { ApplicationArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/x' } },
        '{ events: [CLICK, OPEN], pinpoint: { applicationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps/x" } }',
      ],
    ];
    for (const [aws, file] of cases) expect(eventDestinationFromAws('a', aws)).toEqual(desiredDestination(file));
  });

  it('refuses a destination of a type it does not know rather than guess', () => {
    expect(() => eventDestinationFromAws('a', { Name: 'd', Enabled: true, MatchingEventTypes: ['SEND'] })).toThrow(/destination type ses-reconcile does not know/);
  });
});

describe('requests: what the model says, and nothing it leaves unset', () => {
  it('creates a default set with only the groups the model defines (no MaxDeliverySeconds, no SendingOptions)', () => {
    expect(createConfigurationSetInput(desiredSet('{}'))).toEqual({
      ConfigurationSetName: 'a',
      ReputationOptions: { ReputationMetricsEnabled: false },
      DeliveryOptions: { TlsPolicy: 'OPTIONAL' },
      Tags: [STACK_TAG],
    });
  });

  it('creates a full set with every group', () => {
    const input = createConfigurationSetInput(
      desiredSet(`sendingEnabled: true
delivery: { sendingPoolName: p }
tracking: { customRedirectDomain: t.example.com }
suppression: { reasons: [] }
vdm: { engagementMetrics: DISABLED }
archiveArn: arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-abcdefghijklmnopqrstuvwxyz`),
    );
    expect(input).toEqual({
      ConfigurationSetName: 'a',
      ReputationOptions: { ReputationMetricsEnabled: false },
      DeliveryOptions: { TlsPolicy: 'OPTIONAL', SendingPoolName: 'p' },
      SendingOptions: { SendingEnabled: true },
      TrackingOptions: { CustomRedirectDomain: 't.example.com', HttpsPolicy: 'OPTIONAL' },
      SuppressionOptions: { SuppressedReasons: [] },
      VdmOptions: { DashboardOptions: { EngagementMetrics: 'DISABLED' } },
      ArchivingOptions: { ArchiveArn: 'arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-abcdefghijklmnopqrstuvwxyz' },
      Tags: [STACK_TAG],
    });
  });

  it('sends suppression reasons [] as SuppressedReasons: [], and validation options when set', () => {
    expect(suppressionOptionsInput('a', { reasons: [] })).toEqual({ ConfigurationSetName: 'a', SuppressedReasons: [] });
    expect(suppressionOptionsInput('a', { reasons: ['BOUNCE'], validation: { conditionThreshold: 'ENABLED' } })).toEqual({
      ConfigurationSetName: 'a',
      SuppressedReasons: ['BOUNCE'],
      ValidationOptions: { ConditionThreshold: { ConditionThresholdEnabled: 'ENABLED' } },
    });
  });

  it('puts a group back to its default with the call and no members', () => {
    expect(suppressionOptionsInput('a', undefined)).toEqual({ ConfigurationSetName: 'a' });
    expect(trackingOptionsInput('a', undefined)).toEqual({ ConfigurationSetName: 'a' });
    expect(vdmOptionsInput('a', undefined)).toEqual({ ConfigurationSetName: 'a' });
    expect(archivingOptionsInput('a', undefined)).toEqual({ ConfigurationSetName: 'a' });
    expect(deliveryOptionsInput('a', { tlsPolicy: 'OPTIONAL' })).toEqual({ ConfigurationSetName: 'a', TlsPolicy: 'OPTIONAL' });
  });

  it('always sends Enabled, false included, and resolves a topic of the file by name', () => {
    const arnOf = (t: TopicRef) => ('arn' in t ? t.arn : `arn:aws:sns:eu-west-1:111122223333:${t.topic}`);
    expect(eventDestinationDefinition(desiredDestination('{ enabled: false, events: [BOUNCE, SEND], sns: { topic: alerts } }'), arnOf)).toEqual({
      Enabled: false,
      MatchingEventTypes: ['BOUNCE', 'SEND'],
      SnsDestination: { TopicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts' },
    });
    expect(eventDestinationDefinition(desiredDestination('{ events: [SEND], eventBridge: { eventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/default" } }'), arnOf)).toEqual({
      Enabled: true,
      MatchingEventTypes: ['SEND'],
      EventBridgeDestination: { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' },
    });
  });
});
