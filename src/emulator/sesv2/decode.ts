/**
 * Request decoding against the model shapes (shapes.ts), as AWS's front end does before an operation runs:
 *
 * 1. A JSON type that does not fit the shape (a string where a boolean belongs) is a
 *    SerializationException, reported at once.
 * 2. Constraint violations (enum, length, range, pattern, required) are collected over the whole input
 *    and reported together as one BadRequestException, in the Coral wording AWS uses:
 *    `2 validation errors detected: Value '100' at 'maxDeliverySeconds' failed to satisfy constraint:
 *    Member must have value greater than or equal to 300; ...` (the wording floci recorded from real
 *    SES; docs/aws-behaviour.md, "Errors and retries"). Paths use lower-camel member names and 1-based
 *    `.N.member` list indexes.
 * 3. Members the model does not have are dropped, and JSON null counts as absent, as AWS's JSON
 *    deserializers do. The result is a fresh copy, so what is stored never aliases the request.
 */
import { badRequest, serializationError } from './errors.js';
import type { Shape, StructureShape } from './shapes.js';

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const codePoints = (s: string): number => [...s].length;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Decode a whole operation input. Throws SerializationException or one BadRequestException. */
export function decodeInput(shape: StructureShape, value: unknown): Record<string, unknown> {
  const violations: string[] = [];
  const out = walk(shape, value, '', violations) as Record<string, unknown> | undefined;
  if (violations.length > 0) {
    const n = violations.length;
    throw badRequest(`${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
  }
  return out ?? {};
}

function at(path: string, member: string): string {
  return path === '' ? lowerFirst(member) : `${path}.${lowerFirst(member)}`;
}

function walk(shape: Shape, value: unknown, path: string, violations: string[]): unknown {
  if (value === undefined || value === null) return undefined;
  const where = path === '' ? 'the request' : `'${path}'`;
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') throw serializationError(`expected a string at ${where}, got ${JSON.stringify(value)}`);
      const fail = (constraint: string) => violations.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must ${constraint}`);
      if (shape.enum && !shape.enum.includes(value)) fail(`satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.min !== undefined && codePoints(value) < shape.min) fail(`have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && codePoints(value) > shape.max) fail(`have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !new RegExp(`^(?:${shape.pattern})$`).test(value)) fail(`satisfy regular expression pattern: ${shape.pattern}`);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw serializationError(`expected a boolean at ${where}, got ${JSON.stringify(value)}`);
      return value;
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(`expected a whole number at ${where}, got ${JSON.stringify(value)}`);
      const fail = (constraint: string) => violations.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value ${constraint}`);
      if (shape.min !== undefined && value < shape.min) fail(`greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`less than or equal to ${shape.max}`);
      return value;
    }
    case 'list':
      if (!Array.isArray(value)) throw serializationError(`expected a list at ${where}, got ${JSON.stringify(value)}`);
      return value.map((item, i) => walk(shape.member, item, `${path}.${i + 1}.member`, violations));
    case 'map': {
      if (!isObject(value)) throw serializationError(`expected an object at ${where}, got ${JSON.stringify(value)}`);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const before = violations.length;
        walk(shape.key, k, `${path}.key`, violations);
        // Only keys the model allows are copied (and so never `__proto__`).
        if (violations.length === before) out[k] = walk(shape.value, v, `${path}.${k}`, violations);
      }
      return out;
    }
    case 'structure': {
      if (!isObject(value)) throw serializationError(`expected an object at ${where}, got ${JSON.stringify(value)}`);
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const decoded = walk(member, value[name], at(path, name), violations);
        if (decoded !== undefined) out[name] = decoded;
        else if (shape.required?.includes(name)) violations.push(`Value null at '${at(path, name)}' failed to satisfy constraint: Member must not be null`);
      }
      return out;
    }
  }
}
