/**
 * XML for the query protocol's answers (query.ts), generated from an operation's output object and,
 * where the object alone cannot tell, its output shape: lists as `<member>` elements, maps as
 * `<entry><key/><value/></entry>`, structures as one element per member in the object's member order,
 * timestamps ISO 8601 (@aws-sdk/core XmlShapeDeserializer reads exactly these names; docs/aws-behaviour.md,
 * "Wire protocols"). A plain object is a structure unless its shape says map.
 */
import type { Shape } from './shapes.js';

/**
 * Text content for XML 1.0. The five markup characters become entities; CR becomes `&#13;` so a parser
 * does not normalise it to LF; characters XML 1.0 cannot carry at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD rather than producing a document the SDK cannot parse.
 */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

function memberShape(shape: Shape | undefined, name: string): Shape | undefined {
  return shape?.type === 'structure' ? shape.members[name] : undefined;
}

/** The XML content of one value; absent members (undefined) are left out. */
export function xmlOf(value: unknown, shape?: Shape): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const member = shape?.type === 'list' ? shape.member : undefined;
    return value.map((v) => `<member>${xmlOf(v, member)}</member>`).join('');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (shape?.type === 'map') {
      return entries.map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${xmlOf(v, shape.value)}</value></entry>`).join('');
    }
    return entries.map(([k, v]) => `<${k}>${xmlOf(v, memberShape(shape, k))}</${k}>`).join('');
  }
  return escapeXml(String(value));
}
