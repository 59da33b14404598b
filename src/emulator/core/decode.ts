/**
 * Decoding an operation's input against its shape (shapes.ts), as AWS's front end does before the
 * operation runs; every protocol ends here, after reading its wire form into plain values (JSON as
 * parsed; query parameters and REST path and query strings already typed by query.ts / rest-json.ts):
 *
 * 1. A value whose type does not fit the shape (a string where a boolean belongs) is the service's
 *    serialization error (SerializationException), reported at once.
 * 2. Constraint violations (enum, length, range, pattern, required) are collected over the whole input
 *    and reported together as the service's validation error, in AWS's wording (constraints.ts;
 *    docs/aws-behaviour.md, "Errors and retries"). A service that words a missing member on its own
 *    (SNS: "Invalid parameter: Name Reason: no value for required parameter") answers that at once.
 * 3. Members the model does not have are dropped, and JSON null counts as absent, as AWS's
 *    deserializers do. Maps decode to objects without a prototype, so no key (`__proto__`) is special.
 *    The result is a fresh copy, so what is stored never aliases the request.
 */
import { Constraints } from './constraints.js';
import type { ServiceErrors } from './errors.js';
import { childPath, lowerFirst, type Shape, type StructureShape } from './shapes.js';
import { assertNever } from './assert-never.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

type DecodeErrors = Pick<ServiceErrors, 'serialization' | 'validation' | 'missing'>;

export function decodeInput(shape: StructureShape, value: unknown, errors: DecodeErrors): Record<string, unknown> {
  const constraints = new Constraints(errors.validation);
  const out = walk(shape, value, '', constraints, errors) as Record<string, unknown> | undefined;
  constraints.check();
  return out ?? {};
}

function walk(shape: Shape, value: unknown, path: string, c: Constraints, errors: DecodeErrors): unknown {
  if (value === undefined || value === null) return undefined;
  const wrong = (kind: string): never => {
    throw errors.serialization(`Expected ${kind} at ${path === '' ? 'the request' : `'${path}'`}, got ${JSON.stringify(value)}`);
  };
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return wrong('a string');
      if (shape.enum) c.oneOf(path, value, shape.enum);
      c.length(path, value, shape.min, shape.max);
      if (shape.pattern !== undefined) c.pattern(path, value, new RegExp(`^(?:${shape.pattern})$`), shape.pattern);
      return value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : wrong('a boolean');
    case 'integer':
    case 'long':
    case 'double': {
      if (typeof value !== 'number' || (shape.type !== 'double' && !Number.isInteger(value))) return wrong(shape.type === 'double' ? 'a number' : 'a whole number');
      c.range(path, value, shape.min, shape.max);
      return value;
    }
    case 'timestamp':
      if (value instanceof Date) return value;
      // AWS JSON sends epoch seconds; REST and query strings arrive as ISO 8601 (rest-json.ts, query.ts).
      if (typeof value === 'number') return new Date(value * 1000);
      return wrong('a timestamp');
    case 'list':
      if (!Array.isArray(value)) return wrong('a list');
      return value.map((item, i) => {
        // The model's lists are not sparse: a null member is malformed, not absent.
        if (item === null || item === undefined) throw errors.serialization(`Expected a list member at '${childPath(path, i)}', got null`);
        return walk(shape.member, item, childPath(path, i), c, errors);
      });
    case 'map': {
      if (!isObject(value)) return wrong('a map');
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) {
        const before = c.size;
        walk(shape.key, k, childPath(path, 'key'), c, errors);
        // Only keys the model allows are copied; a bad key is reported with the other violations.
        if (c.size === before) out[k] = walk(shape.value, v, childPath(path, k), c, errors);
      }
      return out;
    }
    case 'structure': {
      if (!isObject(value)) return wrong('a structure');
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const at = childPath(path, lowerFirst(name));
        const decoded = walk(member, value[name], at, c, errors);
        if (decoded !== undefined) out[name] = decoded;
        else if (shape.required.includes(name)) {
          if (errors.missing) throw errors.missing(name);
          c.required(at, undefined);
        }
      }
      return out;
    }
    default:
      return assertNever(shape);
  }
}
