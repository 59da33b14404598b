/**
 * One SESv2 operation: its HTTP bindings (REST-JSON: method, path template, query members), its input
 * shape, and what it does. Each resource file (configuration-sets.ts, event-destinations.ts, tags.ts)
 * defines its operations with `operation()`; routes.ts matches requests to them.
 */
import type { Sesv2Settings } from './settings.js';
import type { StructureShape } from './shapes.js';
import type { RegionSets } from './store.js';

export interface OperationContext {
  readonly region: string;
  readonly accountId: string;
  /** The configuration sets of the request's Region. */
  readonly sets: RegionSets;
  readonly settings: Sesv2Settings;
}

export interface HttpBinding {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/v2/email/configuration-sets/{ConfigurationSetName}`: a `{Member}` segment binds that input member. */
  readonly path: string;
  /** Input member -> query parameter (a list member reads every repetition of the parameter). */
  readonly query?: Readonly<Record<string, string>>;
}

export interface Operation {
  readonly name: string;
  readonly http: readonly HttpBinding[];
  readonly input: StructureShape;
  /** Runs on input decoded against `input`; returns the JSON output. Throws SesError for AWS's errors. */
  run(input: unknown, ctx: OperationContext): object;
}

/** Define an operation whose decoded input has type I (the shape and I are kept in step by hand). */
export function operation<I>(def: {
  readonly name: string;
  readonly http: readonly HttpBinding[];
  readonly input: StructureShape;
  readonly run: (input: I, ctx: OperationContext) => object;
}): Operation {
  return { name: def.name, http: def.http, input: def.input, run: (input, ctx) => def.run(input as I, ctx) };
}
