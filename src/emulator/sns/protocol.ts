/**
 * SNS's wire protocol, AWS query (model metadata `protocol: query`; the JS SDK's default is
 * AwsQueryProtocol, @aws-sdk/client-sns runtimeConfig.shared.js):
 *
 * - Request: `POST /`, `Content-Type: application/x-www-form-urlencoded`, body
 *   `Action=CreateTopic&Version=2010-03-31&Name=…`. Maps are `Attributes.entry.N.key` / `.value`, lists
 *   `TagKeys.member.N`, lists of structures `Tags.member.N.Key`; N counts from 1. An empty list is sent
 *   as `TagKeys=` (@aws-sdk/core QueryShapeSerializer, `serializeEmptyLists: true`).
 * - Response: `<XxxResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><XxxResult>…</XxxResult>
 *   <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></XxxResponse>`; operations without an
 *   output shape have no Result element. Lists are `<member>` elements, maps `<entry><key/><value/></entry>`
 *   (@aws-sdk/core XmlShapeDeserializer reads exactly these names).
 * - Error: `<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>…</Message></Error>
 *   <RequestId>…</RequestId></ErrorResponse>` with the shape's HTTP status; the SDK picks the exception
 *   class from `Code` via the shapes' `awsQueryError` trait (AwsQueryProtocol.handleError).
 */
import type { EmulatorResponse } from '../types.js';
import { missingParameter, type SnsError } from './errors.js';

export const SNS_VERSION = '2010-03-31';
const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** The request's parameters: the form body, plus the query string (the query protocol also allows GET). */
export function formParams(query: URLSearchParams, body: Buffer, contentType: string | undefined): URLSearchParams {
  const params = new URLSearchParams(query);
  // Only a form body is parameters; a JSON body (X-Amz-Target protocols) must not be read as one.
  if (body.length > 0 && (contentType === undefined || contentType.startsWith('application/x-www-form-urlencoded'))) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
  }
  return params;
}

/** Typed reads of one request's form parameters. */
export class FormParams {
  constructor(private readonly raw: URLSearchParams) {}

  string(name: string): string | undefined {
    return this.raw.get(name) ?? undefined;
  }

  required(name: string): string {
    const v = this.raw.get(name);
    if (v === null) throw missingParameter(name);
    return v;
  }

  /** `ReturnSubscriptionArn=true`: the SDK writes booleans as `true` / `false`. */
  boolean(name: string): boolean {
    return this.raw.get(name)?.toLowerCase() === 'true';
  }

  /** A map member: `Name.entry.N.key` / `Name.entry.N.value`, in N order; a later duplicate key wins. */
  map(name: string): Map<string, string> {
    const keys = new Map<number, string>();
    const values = new Map<number, string>();
    const re = new RegExp(`^${escapeRegExp(name)}\\.entry\\.(\\d+)\\.(key|value)$`);
    for (const [k, v] of this.raw) {
      const m = re.exec(k);
      if (!m) continue;
      (m[2] === 'key' ? keys : values).set(Number(m[1]), v);
    }
    const out = new Map<string, string>();
    for (const n of [...keys.keys()].sort((a, b) => a - b)) out.set(keys.get(n) as string, values.get(n) ?? '');
    return out;
  }

  /** A list of strings: `Name.member.N`, in N order. */
  list(name: string): string[] {
    const re = new RegExp(`^${escapeRegExp(name)}\\.member\\.(\\d+)$`);
    return [...this.raw]
      .flatMap(([k, v]) => {
        const m = re.exec(k);
        return m ? [[Number(m[1]), v] as const] : [];
      })
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => v);
  }

  /** A list of structures: `Name.member.N.Field`, in N order. */
  structList(name: string): Record<string, string>[] {
    const re = new RegExp(`^${escapeRegExp(name)}\\.member\\.(\\d+)\\.([A-Za-z0-9]+)$`);
    const items = new Map<number, Record<string, string>>();
    for (const [k, v] of this.raw) {
      const m = re.exec(k);
      if (!m) continue;
      const n = Number(m[1]);
      const item = items.get(n) ?? {};
      item[m[2] as string] = v;
      items.set(n, item);
    }
    return [...items.keys()].sort((a, b) => a - b).map((n) => items.get(n) as Record<string, string>);
  }

  /** Whether the member was sent at all (an empty list arrives as `Name=`). */
  has(name: string): boolean {
    if (this.raw.has(name)) return true;
    for (const k of this.raw.keys()) if (k.startsWith(`${name}.`)) return true;
    return false;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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

/** `<Name>escaped text</Name>`, or nothing when the value is absent. */
export function textElement(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`;
}

/** A list: `<Name><member>…</member>…</Name>`; each item is already XML. */
export function memberList(name: string, items: readonly string[]): string {
  return `<${name}>${items.map((i) => `<member>${i}</member>`).join('')}</${name}>`;
}

/** A string map: `<Name><entry><key>k</key><value>v</value></entry>…</Name>`. */
export function mapElement(name: string, entries: Iterable<readonly [string, string]>): string {
  let xml = '';
  for (const [k, v] of entries) xml += `<entry>${textElement('key', k)}${textElement('value', v)}</entry>`;
  return `<${name}>${xml}</${name}>`;
}

function xmlResponse(status: number, requestId: string, body: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/**
 * A successful answer. `result` is the XML inside `<ActionResult>`; null for operations whose output
 * is not a structure (DeleteTopic, SetTopicAttributes, Unsubscribe, SetSubscriptionAttributes).
 */
export function successResponse(action: string, result: string | null, requestId: string): EmulatorResponse {
  const resultXml = result === null ? '' : `<${action}Result>${result}</${action}Result>`;
  return xmlResponse(
    200,
    requestId,
    `<${action}Response xmlns="${XMLNS}">${resultXml}<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

export function errorResponse(error: Pick<SnsError, 'code' | 'message' | 'status' | 'type'>, requestId: string): EmulatorResponse {
  return xmlResponse(
    error.status,
    requestId,
    `<ErrorResponse xmlns="${XMLNS}"><Error>${textElement('Type', error.type)}${textElement('Code', error.code)}${textElement('Message', error.message)}</Error>${textElement('RequestId', requestId)}</ErrorResponse>`,
  );
}
