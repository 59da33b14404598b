/**
 * One emulated operation, the same for every protocol: its name, its input shape (decoded by
 * decode.ts before `run`), its output shape where the XML encoding must know a map from a structure
 * (xml.ts), its REST-JSON HTTP bindings where the service speaks REST-JSON (rest-json.ts), and what it
 * does. A resource file declares its operations with `operation()` and exports them as a list; the
 * service (its service.ts) serves the lists of its resource files. Adding an operation is editing that
 * one resource file.
 */
import type { Shape, StructureShape } from './shapes.js';

export interface HttpBinding {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/v2/email/configuration-sets/{ConfigurationSetName}`: a `{Member}` segment binds that input member. */
  readonly path: string;
  /** Input member -> query parameter (a list member reads every repetition of the parameter). */
  readonly query?: Readonly<Record<string, string>>;
}

export interface Operation<C> {
  readonly name: string;
  readonly input: StructureShape;
  readonly output?: Shape;
  readonly http?: readonly HttpBinding[];
  /**
   * Runs on input decoded against `input`; returns the output members, or undefined for an operation
   * without output (the query protocol then sends no Result element). Throws ServiceError for AWS's errors.
   */
  run(input: unknown, ctx: C): object | undefined;
}

export interface OperationSpec<I, C> {
  readonly name: string;
  readonly input: StructureShape;
  readonly output?: Shape;
  readonly http?: readonly HttpBinding[];
  readonly run: (input: I, ctx: C) => object | undefined;
}

/**
 * The `operation()` of a service whose operations run with context C. The decoded input has type I,
 * which the shape and I keep in step by hand: each operation casts once, here, at its boundary.
 */
export function operationsOf<C>(): <I>(spec: OperationSpec<I, C>) => Operation<C> {
  return (spec) => ({ ...spec, run: (input, ctx) => spec.run(input as Parameters<typeof spec.run>[0], ctx) });
}
