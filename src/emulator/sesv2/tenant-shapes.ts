/**
 * The tenant, reputation-entity and recommendation shapes of the SESv2 model (client-sesv2 3.1169.0
 * dist-types/models; these operations are newer than botocore 1.43.11's model), in the emulator's shape
 * system beside shapes.ts. The JS model carries no length or pattern constraints: the TenantName rule
 * and the others the documentation states are checked in tenant-store.ts and the operations.
 */
import * as shape from '../core/shapes.js';
import { SuppressedReasons, SuppressionScope } from './shapes.js';

const string = shape.string();
const enumOf = shape.enumOf;

export const TenantName = string;
export const TenantSuppressionAttributes = shape.structure({ SuppressedReasons, SuppressionScope });
export { SuppressedReasons, SuppressionScope };

export const SendingStatus = enumOf('ENABLED', 'REINSTATED', 'DISABLED');
export const ReputationEntityType = enumOf('RESOURCE');
export const ReputationEntityReference = string;
export const ReputationEntityPolicy = string;

/** Filters are maps from an enum of keys to a string (ListTenantsFilter, ListTenantResourcesFilter, ...). */
export const ListTenantsFilter = shape.map(enumOf('SENDING_STATUS', 'TENANT_NAME_CONTAINS'), string);
export const ListTenantResourcesFilter = shape.map(enumOf('RESOURCE_TYPE'), string);
export const ReputationEntityFilter = shape.map(enumOf('ENTITY_TYPE', 'REPUTATION_IMPACT', 'SENDING_STATUS', 'ENTITY_REFERENCE_PREFIX'), string);
export const ListRecommendationsFilter = shape.map(enumOf('TYPE', 'IMPACT', 'STATUS', 'RESOURCE_ARN'), string);

export const RecommendationTypes = ['DKIM', 'DMARC', 'SPF', 'BIMI', 'COMPLAINT', 'BOUNCE', 'FEEDBACK_3P', 'IP_LISTING'] as const;
