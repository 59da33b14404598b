/**
 * The part of the SESv2 model the emulator serves, as data: every member name, type, enum, range,
 * length, pattern and `required` list is copied from the botocore model
 * (botocore/data/sesv2/2019-09-27/service-2.json.gz), plus the members the newer JS SDK model adds
 * (client-sesv2 3.1169.0 dist-types/models), marked where they appear. Names and other rules that the
 * model states only in documentation are checked in validation.ts, not here.
 *
 * They are the emulator's one shape system (core/shapes.ts): core/decode.ts walks them to turn a request
 * into plain data, the way AWS's front end validates input before an operation runs.
 */
import * as shape from '../core/shapes.js';

const string = shape.string();
const list = shape.list;
const enumOf = shape.enumOf;
const boolean = shape.boolean;
const structure = shape.structure;

export const ConfigurationSetName = string;
export const EventDestinationName = string;
const AmazonResourceName = shape.string({ min: 1 });
const FeatureStatus = enumOf('ENABLED', 'DISABLED');

export const CustomRedirectDomain = string;
export const HttpsPolicy = enumOf('REQUIRE', 'REQUIRE_OPEN_ONLY', 'OPTIONAL');
export const TrackingOptions = structure({ CustomRedirectDomain, HttpsPolicy }, ['CustomRedirectDomain']);

export const TlsPolicy = enumOf('REQUIRE', 'OPTIONAL');
export const MaxDeliverySeconds = shape.long({ min: 300, max: 50400 });
export const SendingPoolName = string;
export const DeliveryOptions = structure({ TlsPolicy, SendingPoolName, MaxDeliverySeconds });

/** LastFreshStart is left out: AWS sets it (a fresh start of reputation metrics), callers cannot. */
export const ReputationOptions = structure({ ReputationMetricsEnabled: boolean });
export const ReputationMetricsEnabled = boolean;
export const SendingOptions = structure({ SendingEnabled: boolean });
export const SendingEnabled = boolean;

export const SuppressedReasons = list(enumOf('BOUNCE', 'COMPLAINT'));
/** Not in botocore's model; the JS SDK model has it on SuppressionOptions and the Put request. */
export const SuppressionScope = enumOf('ACCOUNT', 'TENANT');
export const SuppressionValidationOptions = structure(
  {
    ConditionThreshold: structure(
      {
        ConditionThresholdEnabled: FeatureStatus,
        OverallConfidenceThreshold: structure({ ConfidenceVerdictThreshold: enumOf('MEDIUM', 'HIGH', 'MANAGED') }, ['ConfidenceVerdictThreshold']),
      },
      ['ConditionThresholdEnabled'],
    ),
  },
  ['ConditionThreshold'],
);
export const SuppressionOptions = structure({ SuppressedReasons, SuppressionScope, ValidationOptions: SuppressionValidationOptions });

export const VdmOptions = structure({
  DashboardOptions: structure({ EngagementMetrics: FeatureStatus }),
  GuardianOptions: structure({ OptimizedSharedDelivery: FeatureStatus }),
});

/**
 * Not in botocore's model; the JS SDK model (client-sesv2 3.1169.0): SigningScheme is a union, exactly one
 * of DefaultScheme (no S/MIME signature) and SmimeScheme (SignatureFormat DETACHED, the one value). The
 * one-member rule is checked in validation.ts (checkMessageSecurity): the shape system has no unions.
 */
export const SignatureFormat = enumOf('DETACHED');
export const MessageSecurityOptions = structure({
  SigningScheme: structure({ DefaultScheme: structure({}), SmimeScheme: structure({ SignatureFormat }) }),
});

export const ArchiveArn = shape.string({
  min: 20,
  max: 1011,
  pattern: 'arn:(aws|aws-[a-z-]+):ses:[a-z]{2,4}-[a-z-]+-[0-9]:[0-9]{1,20}:mailmanager-archive/a-[a-z0-9]{24,62}',
});
export const ArchivingOptions = structure({ ArchiveArn });

/**
 * Both members required by the model. The Tag documentation says a missing Value becomes "", but the
 * model's `required` and floci's probes of real AWS (SesTags; docs/aws-behaviour.md, "Tagging") both reject it.
 */
export const Tag = structure({ Key: string, Value: string }, ['Key', 'Value']);
export const TagList = list(Tag);
export const TagKeyList = list(string);

export const EventTypes = list(
  enumOf('SEND', 'REJECT', 'BOUNCE', 'COMPLAINT', 'DELIVERY', 'OPEN', 'CLICK', 'RENDERING_FAILURE', 'DELIVERY_DELAY', 'SUBSCRIPTION'),
);
/** The model requires no member here; the one-destination and event-type rules are in validation.ts. */
export const EventDestinationDefinition = structure({
  Enabled: boolean,
  MatchingEventTypes: EventTypes,
  KinesisFirehoseDestination: structure({ IamRoleArn: AmazonResourceName, DeliveryStreamArn: AmazonResourceName }, ['IamRoleArn', 'DeliveryStreamArn']),
  CloudWatchDestination: structure(
    {
      DimensionConfigurations: list(
        structure({ DimensionName: string, DimensionValueSource: enumOf('MESSAGE_TAG', 'EMAIL_HEADER', 'LINK_TAG'), DefaultDimensionValue: string }, [
          'DimensionName',
          'DimensionValueSource',
          'DefaultDimensionValue',
        ]),
      ),
    },
    ['DimensionConfigurations'],
  ),
  SnsDestination: structure({ TopicArn: AmazonResourceName }, ['TopicArn']),
  EventBridgeDestination: structure({ EventBusArn: AmazonResourceName }, ['EventBusArn']),
  PinpointDestination: structure({ ApplicationArn: AmazonResourceName }),
});

/**
 * SendEmail (client-sesv2 3.1169.0 schemas: SendEmailRequest). Content is decoded only as far as the
 * emulator reads it (subjects, headers, raw MIME headers); members it does not read, such as bodies and
 * attachments, are accepted and dropped.
 */
const MessageContent = structure({ Data: string, Charset: string }, ['Data']);
const MessageHeaders = list(structure({ Name: string, Value: string }, ['Name', 'Value']));
export const EmailContent = structure({
  Simple: structure({ Subject: MessageContent, Body: structure({ Text: MessageContent, Html: MessageContent }), Headers: MessageHeaders }, ['Subject', 'Body']),
  /** `Data` is a blob: base64 in JSON. */
  Raw: structure({ Data: string }, ['Data']),
  Template: structure({
    TemplateName: string,
    TemplateArn: string,
    TemplateData: string,
    TemplateContent: structure({ Subject: string, Text: string, Html: string }),
    Headers: MessageHeaders,
  }),
});
export const Destination = structure({ ToAddresses: list(string), CcAddresses: list(string), BccAddresses: list(string) });
export const MessageTagList = list(structure({ Name: string, Value: string }, ['Name', 'Value']));
export const EmailAddressList = list(string);
export const Text = string;
export const ListManagementOptions = structure({ ContactListName: string, TopicName: string }, ['ContactListName']);

export const ResourceArn = AmazonResourceName;
export const NextToken = string;
/** `MaxItems`: an integer with no range in the model; the range AWS enforces is in paging.ts. */
export const PageSize = shape.integer();
/** Not in botocore's model (its ListConfigurationSets is GET-only); JS SDK model: map<ConfigurationSetFilterKey, string>. */
export const ConfigurationSetFilter = shape.map(enumOf('CONFIGURATION_SET_NAME_CONTAINS'), string);

export { structure, type Shape } from '../core/shapes.js';
