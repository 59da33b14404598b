/**
 * The SNS emulator's wire pieces on their own: AWS query form decoding (maps, lists, lists of
 * structures, as @aws-sdk/core's QueryShapeSerializer writes them) against SNS's shapes, XML text
 * escaping and encoding, and the list order and NextToken paging the List* operations share.
 */
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src/emulator/core/decode.js';
import { ServiceError } from '../../../src/emulator/core/errors.js';
import { inListOrder } from '../../../src/emulator/core/list-order.js';
import { formParams, queryProtocol, readQueryInput } from '../../../src/emulator/core/query.js';
import { NO_INPUT, structure, type StructureShape } from '../../../src/emulator/core/shapes.js';
import { escapeXml, xmlOf } from '../../../src/emulator/core/xml.js';
import { notFound, SNS_ERRORS } from '../../../src/emulator/sns/errors.js';
import { pageByArn, SUBSCRIPTION_TOKENS, TOPIC_TOKENS } from '../../../src/emulator/sns/paging.js';
import { Attributes, AttributesOutput, TagKeys, Tags, Text } from '../../../src/emulator/sns/shapes.js';

const FORM = { query: new URLSearchParams(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } };
const decode = (shape: StructureShape, body: string) => decodeInput(shape, readQueryInput(formParams({ ...FORM, body: Buffer.from(body) }), shape, SNS_ERRORS), SNS_ERRORS);

describe('SNS form decoding', () => {
  it('reads a map from Name.entry.N.key/value in N order, whatever the parameter order', () => {
    const input = decode(
      structure({ Attributes, Other: Attributes }),
      'Action=CreateTopic&Attributes.entry.2.value=%7B%22a%22%3A1%7D&Attributes.entry.10.key=Z&Attributes.entry.1.key=DisplayName&Attributes.entry.2.key=Policy&Attributes.entry.1.value=Ops%20%26%20more&Attributes.entry.10.value=last',
    );
    expect(Object.entries(input.Attributes as object)).toEqual([
      ['DisplayName', 'Ops & more'],
      ['Policy', '{"a":1}'],
      ['Z', 'last'],
    ]);
    expect(input.Other).toBeUndefined();
  });

  it('reads lists of strings and of structures from Name.member.N', () => {
    const input = decode(structure({ TagKeys, Tags }), 'TagKeys.member.2=b&TagKeys.member.1=a&Tags.member.1.Key=team&Tags.member.1.Value=ops&Tags.member.2.Key=empty&Tags.member.2.Value=');
    expect(input.TagKeys).toEqual(['a', 'b']);
    expect(input.Tags).toEqual([
      { Key: 'team', Value: 'ops' },
      { Key: 'empty', Value: '' },
    ]);
  });

  it('takes an empty list (`TagKeys=`, as the SDK sends it) as present and empty', () => {
    const input = decode(structure({ TagKeys, Tags }), 'Action=UntagResource&TagKeys=');
    expect(input.TagKeys).toEqual([]);
    expect('Tags' in input).toBe(false);
  });

  it('does not read a JSON body as form parameters, but reads the query string', () => {
    const params = formParams({ query: new URLSearchParams('Action=ListTopics&Version=2010-03-31'), body: Buffer.from('{"Version":"x"}'), headers: { 'content-type': 'application/x-amz-json-1.0' } });
    expect(params.get('Action')).toBe('ListTopics');
    expect(params.getAll('Version')).toEqual(['2010-03-31']);
  });

  it('reports a missing required parameter as InvalidParameter', () => {
    const shape = structure({ TopicArn: Text }, ['TopicArn']);
    expect(() => decode(shape, 'Action=DeleteTopic')).toThrow(ServiceError);
    expect(() => decode(shape, 'Action=DeleteTopic')).toThrow('Invalid parameter: TopicArn Reason: no value for required parameter');
  });
});

describe('SNS XML encoding', () => {
  const sns = queryProtocol({ version: '2010-03-31', xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/' });
  const op = (name: string) => ({ name, input: NO_INPUT, run: () => undefined });

  it('escapes markup, keeps CR, and replaces what XML 1.0 cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('line\r\nnext\ttab')).toBe('line&#13;\nnext\ttab');
    expect(escapeXml('bell\u0007')).toBe('bell\uFFFD');
    expect(escapeXml('lone \uD800 surrogate, pair 😀')).toBe('lone \uFFFD surrogate, pair 😀');
  });

  it('writes lists as <member> and maps as <entry><key/><value/>', () => {
    expect(xmlOf({ Topics: [{ TopicArn: 'a' }] })).toBe('<Topics><member><TopicArn>a</TopicArn></member></Topics>');
    expect(xmlOf({ Attributes: { K: 'v&' } }, AttributesOutput)).toBe('<Attributes><entry><key>K</key><value>v&amp;</value></entry></Attributes>');
  });

  it('wraps results and errors as the query protocol does', () => {
    const ok = sns.encodeOutput(op('CreateTopic'), { TopicArn: 'x' }, 'rid');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(
      '<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult><TopicArn>x</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></CreateTopicResponse>',
    );
    expect(sns.encodeOutput(op('DeleteTopic'), undefined, 'rid').body).not.toContain('DeleteTopicResult');
    const err = sns.encodeError(notFound('Topic does not exist'), 'rid');
    expect(err.status).toBe(404);
    expect(err.headers['content-type']).toBe('text/xml');
    expect(err.body).toBe(
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>rid</RequestId></ErrorResponse>',
    );
    expect(sns.encodeError(SNS_ERRORS.internal('x'), 'rid').body).toContain('<Type>Receiver</Type>');
  });
});

describe('SNS list order and paging', () => {
  const keys = Array.from({ length: 250 }, (_, i) => `k${i}`);
  const items = keys.map((arn) => ({ arn }));
  const arns = (page: { items: readonly { arn: string }[] }) => page.items.map((i) => i.arn);

  it('orders by a hash of the key: stable, and not the insertion order', () => {
    const a = inListOrder(keys, (k) => k);
    expect(inListOrder([...keys].reverse(), (k) => k)).toEqual(a);
    expect(a).not.toEqual(keys);
  });

  it('serves 100 per page and every item once', () => {
    const seen: string[] = [];
    let token: string | undefined;
    const sizes: number[] = [];
    do {
      const p = pageByArn(TOPIC_TOKENS, items, token, 'us-east-1');
      sizes.push(p.items.length);
      seen.push(...arns(p));
      token = p.nextToken;
    } while (token);
    expect(sizes).toEqual([100, 100, 50]);
    expect([...seen].sort()).toEqual([...keys].sort());
  });

  it('resumes after the last item served even when items were deleted in between', () => {
    const first = pageByArn(TOPIC_TOKENS, items, undefined, 'us-east-1');
    const deleted = new Set(arns(first).slice(-5)); // including the one the token names
    const rest = pageByArn(
      TOPIC_TOKENS,
      items.filter((i) => !deleted.has(i.arn)),
      first.nextToken,
      'us-east-1',
    );
    expect(arns(rest).some((k) => arns(first).includes(k))).toBe(false);
    expect(rest.items).toHaveLength(100);
  });

  it('refuses a NextToken it did not issue, or issued for another listing or Region', () => {
    expect(() => pageByArn(TOPIC_TOKENS, items, 'not a token!', 'us-east-1')).toThrow('Invalid parameter: NextToken');
    const token = pageByArn(TOPIC_TOKENS, items, undefined, 'us-east-1').nextToken;
    expect(() => pageByArn(SUBSCRIPTION_TOKENS, items, token, 'us-east-1')).toThrow('Invalid parameter: NextToken');
    expect(() => pageByArn(TOPIC_TOKENS, items, token, 'eu-west-1')).toThrow('Invalid parameter: NextToken');
  });
});
