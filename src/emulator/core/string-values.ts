/**
 * Scalars sent as strings, as the query protocol sends every value and REST-JSON its path labels and
 * query parameters (@aws-sdk/core QueryShapeSerializer, HttpBindingProtocol): integers in decimal,
 * booleans `true` / `false`, timestamps ISO 8601. What does not parse is refused by the caller, in its
 * protocol's way (query.ts, rest-json.ts).
 */
import { assertNever } from './assert-never.js';
import type { Shape } from './shapes.js';

/** What a string must be to fit `shape`, in AWS's words ("Member must be an integer"). */
export function kindOf(shape: Shape): string {
  switch (shape.type) {
    case 'integer':
    case 'long':
      return 'an integer';
    case 'double':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'timestamp':
      return 'a timestamp';
    case 'string':
      return 'a string';
    case 'list':
    case 'map':
    case 'structure':
      return `a ${shape.type}`;
    default:
      return assertNever(shape);
  }
}

/** The typed value of `raw`, or undefined when it does not fit the scalar `shape`. */
export function fromString(shape: Shape, raw: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case 'double': {
      const n = Number(raw);
      return raw.trim() !== '' && !Number.isNaN(n) ? n : undefined;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'timestamp': {
      const t = Date.parse(raw);
      return Number.isNaN(t) ? undefined : new Date(t);
    }
    case 'string':
      return raw;
    case 'list':
    case 'map':
    case 'structure':
      // Not a scalar: the protocols spell these across several parameters, never as one string.
      return undefined;
    default:
      return assertNever(shape);
  }
}
