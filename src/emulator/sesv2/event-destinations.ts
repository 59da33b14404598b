/**
 * Event destinations of a configuration set: Create, Get (all at once, unpaginated), Update (a full
 * replacement: the request carries the whole EventDestinationDefinition), Delete (docs/aws-behaviour.md,
 * "Event destinations").
 *
 * `Enabled` left out is stored as false: "The default value is false" (SES v1 model
 * EventDestination.Enabled; the SESv2 model is silent). Otherwise what was sent is what Get returns.
 */
import { alreadyExists, limitExceeded, notFound } from './errors.js';
import type { ConfigurationSet, EventDestination, EventDestinationDefinition } from './model.js';
import { operation } from './context.js';
import { inListOrder } from '../core/list-order.js';
import * as shape from './shapes.js';
import { checkEventDestination, checkEventDestinationName } from './validation.js';

/**
 * "Event destinations per configuration set: 10", not adjustable (SES Developer Guide, quotas;
 * docs/aws-behaviour.md, "SES quotas").
 */
export const MAX_EVENT_DESTINATIONS = 10;

const DESTINATIONS = '/v2/email/configuration-sets/{ConfigurationSetName}/event-destinations';
const DESTINATION = `${DESTINATIONS}/{EventDestinationName}`;

interface DestinationInput {
  readonly ConfigurationSetName: string;
  readonly EventDestinationName: string;
}
interface DefinitionInput extends DestinationInput {
  readonly EventDestination: EventDestinationDefinition;
}

const destinationInput = shape.structure({ ConfigurationSetName: shape.ConfigurationSetName, EventDestinationName: shape.EventDestinationName }, [
  'ConfigurationSetName',
  'EventDestinationName',
]);
const definitionInput = shape.structure(
  { ...destinationInput.members, EventDestination: shape.EventDestinationDefinition },
  ['ConfigurationSetName', 'EventDestinationName', 'EventDestination'],
);

function stored(name: string, d: EventDestinationDefinition): EventDestination {
  const { Enabled, MatchingEventTypes, ...destination } = d;
  return { Name: name, Enabled: Enabled ?? false, MatchingEventTypes: MatchingEventTypes ?? [], ...destination };
}

function requireDestination(set: ConfigurationSet, name: string): void {
  if (!set.eventDestinations.has(name)) {
    throw notFound(`Event destination <${name}> does not exist in configuration set <${set.name}>.`);
  }
}

const createEventDestination = operation<DefinitionInput>({
  name: 'CreateConfigurationSetEventDestination',
  http: [{ method: 'POST', path: DESTINATIONS }],
  input: definitionInput,
  run: (input, ctx) => {
    const name = input.EventDestinationName;
    checkEventDestinationName(name);
    checkEventDestination(input.EventDestination, ctx);
    const set = ctx.sets.require(input.ConfigurationSetName);
    if (set.eventDestinations.has(name)) throw alreadyExists(`Event destination <${name}> already exists in configuration set <${set.name}>.`);
    if (set.eventDestinations.size >= MAX_EVENT_DESTINATIONS) {
      throw limitExceeded(`Configuration set <${set.name}> already has the maximum of ${MAX_EVENT_DESTINATIONS} event destinations.`);
    }
    set.eventDestinations.set(name, stored(name, input.EventDestination));
    return {};
  },
});

const getEventDestinations = operation<Pick<DestinationInput, 'ConfigurationSetName'>>({
  name: 'GetConfigurationSetEventDestinations',
  http: [{ method: 'GET', path: DESTINATIONS }],
  input: shape.structure({ ConfigurationSetName: shape.ConfigurationSetName }, ['ConfigurationSetName']),
  run: (input, ctx) => {
    const set = ctx.sets.require(input.ConfigurationSetName);
    return { EventDestinations: inListOrder(set.eventDestinations.values(), (d) => d.Name) };
  },
});

const updateEventDestination = operation<DefinitionInput>({
  name: 'UpdateConfigurationSetEventDestination',
  http: [{ method: 'PUT', path: DESTINATION }],
  input: definitionInput,
  run: (input, ctx) => {
    checkEventDestination(input.EventDestination, ctx);
    const set = ctx.sets.require(input.ConfigurationSetName);
    requireDestination(set, input.EventDestinationName);
    set.eventDestinations.set(input.EventDestinationName, stored(input.EventDestinationName, input.EventDestination));
    return {};
  },
});

const deleteEventDestination = operation<DestinationInput>({
  name: 'DeleteConfigurationSetEventDestination',
  http: [{ method: 'DELETE', path: DESTINATION }],
  input: destinationInput,
  run: (input, ctx) => {
    const set = ctx.sets.require(input.ConfigurationSetName);
    requireDestination(set, input.EventDestinationName);
    set.eventDestinations.delete(input.EventDestinationName);
    return {};
  },
});

export const eventDestinationOperations = [createEventDestination, getEventDestinations, updateEventDestination, deleteEventDestination];
