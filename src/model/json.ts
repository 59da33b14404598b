/**
 * Model values as JSON, deterministically: what plans print and what digests hash. Equal values give
 * equal JSON text whatever order their objects were built in.
 */

/** Any JSON value, as written. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A model value as JSON with object keys in code-unit order. `undefined` (an absent optional field) is
 * dropped inside objects and becomes null elsewhere, which is what JSON.stringify would write anyway;
 * doing it here makes `before`/`after` explicit keys of every diff entry.
 */
export function jsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON.stringify writes NaN and ±Infinity as null; say so rather than leave it implicit.
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object': {
      if (Array.isArray(value)) return value.map(jsonValue);
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, jsonValue(v)] as const);
      // fromEntries defines properties, so a key such as `__proto__` (a tag key, say) stays data.
      return Object.fromEntries(entries);
    }
    default:
      return null;
  }
}
