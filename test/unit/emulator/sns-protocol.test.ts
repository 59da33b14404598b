/**
 * The SNS emulator's wire pieces on their own: AWS query form decoding (maps, lists, lists of
 * structures, as @aws-sdk/core's QueryShapeSerializer writes them), XML text escaping, and the list
 * order and NextToken paging the List* operations share.
 */
import { describe, expect, it } from 'vitest';
import { escapeXml, FormParams, formParams, mapElement, memberList, successResponse, errorResponse } from '../../../src/emulator/sns/protocol.js';
import { inListOrder, page } from '../../../src/emulator/sns/paging.js';
import { SnsError } from '../../../src/emulator/sns/errors.js';

const form = (body: string) => new FormParams(formParams(new URLSearchParams(), Buffer.from(body), 'application/x-www-form-urlencoded; charset=utf-8'));

describe('SNS form decoding', () => {
  it('reads a map from Name.entry.N.key/value in N order, whatever the parameter order', () => {
    const p = form('Action=CreateTopic&Attributes.entry.2.value=%7B%22a%22%3A1%7D&Attributes.entry.10.key=Z&Attributes.entry.1.key=DisplayName&Attributes.entry.2.key=Policy&Attributes.entry.1.value=Ops%20%26%20more&Attributes.entry.10.value=last');
    expect([...p.map('Attributes')]).toEqual([
      ['DisplayName', 'Ops & more'],
      ['Policy', '{"a":1}'],
      ['Z', 'last'],
    ]);
    expect([...p.map('Other')]).toEqual([]);
  });

  it('reads lists of strings and of structures from Name.member.N', () => {
    const p = form('TagKeys.member.2=b&TagKeys.member.1=a&Tags.member.1.Key=team&Tags.member.1.Value=ops&Tags.member.2.Key=empty&Tags.member.2.Value=');
    expect(p.list('TagKeys')).toEqual(['a', 'b']);
    expect(p.structList('Tags')).toEqual([
      { Key: 'team', Value: 'ops' },
      { Key: 'empty', Value: '' },
    ]);
  });

  it('takes an empty list (`TagKeys=`, as the SDK sends it) as present and empty', () => {
    const p = form('Action=UntagResource&TagKeys=');
    expect(p.has('TagKeys')).toBe(true);
    expect(p.list('TagKeys')).toEqual([]);
    expect(p.has('Tags')).toBe(false);
  });

  it('does not read a JSON body as form parameters, but reads the query string', () => {
    const params = formParams(new URLSearchParams('Action=ListTopics&Version=2010-03-31'), Buffer.from('{"Version":"x"}'), 'application/x-amz-json-1.0');
    expect(params.get('Action')).toBe('ListTopics');
    expect(params.getAll('Version')).toEqual(['2010-03-31']);
  });

  it('reports a missing required parameter as InvalidParameter', () => {
    expect(() => form('Action=DeleteTopic').required('TopicArn')).toThrow(SnsError);
    expect(() => form('Action=DeleteTopic').required('TopicArn')).toThrow('Invalid parameter: TopicArn Reason: no value for required parameter');
  });
});

describe('SNS XML encoding', () => {
  it('escapes markup, keeps CR, and replaces what XML 1.0 cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('line\r\nnext\ttab')).toBe('line&#13;\nnext\ttab');
    expect(escapeXml('bell\u0007')).toBe('bell\uFFFD');
    expect(escapeXml('lone \uD800 surrogate, pair 😀')).toBe('lone \uFFFD surrogate, pair 😀');
  });

  it('writes lists as <member> and maps as <entry><key/><value/>', () => {
    expect(memberList('Topics', ['<TopicArn>a</TopicArn>'])).toBe('<Topics><member><TopicArn>a</TopicArn></member></Topics>');
    expect(mapElement('Attributes', [['K', 'v&']])).toBe('<Attributes><entry><key>K</key><value>v&amp;</value></entry></Attributes>');
  });

  it('wraps results and errors as the query protocol does', () => {
    const ok = successResponse('CreateTopic', '<TopicArn>x</TopicArn>', 'rid');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(
      '<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult><TopicArn>x</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></CreateTopicResponse>',
    );
    expect(successResponse('DeleteTopic', null, 'rid').body).not.toContain('DeleteTopicResult');
    const err = errorResponse(new SnsError('NotFound', 404, 'Topic does not exist'), 'rid');
    expect(err.status).toBe(404);
    expect(err.headers['content-type']).toBe('text/xml');
    expect(err.body).toBe(
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>rid</RequestId></ErrorResponse>',
    );
    expect(errorResponse(new SnsError('InternalError', 500, 'x'), 'rid').body).toContain('<Type>Receiver</Type>');
  });
});

describe('SNS list order and paging', () => {
  const keys = Array.from({ length: 250 }, (_, i) => `k${i}`);

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
      const p = page(keys, (k) => k, token);
      sizes.push(p.items.length);
      seen.push(...p.items);
      token = p.nextToken;
    } while (token);
    expect(sizes).toEqual([100, 100, 50]);
    expect([...seen].sort()).toEqual([...keys].sort());
  });

  it('resumes after the last item served even when items were deleted in between', () => {
    const first = page(keys, (k) => k, undefined);
    const deleted = new Set(first.items.slice(-5)); // including the one the token names
    const rest = page(
      keys.filter((k) => !deleted.has(k)),
      (k) => k,
      first.nextToken,
    );
    expect(rest.items.some((k) => first.items.includes(k))).toBe(false);
    expect(rest.items).toHaveLength(100);
  });

  it('refuses a NextToken it did not issue', () => {
    expect(() => page(keys, (k) => k, 'not a token!')).toThrow('Invalid parameter: NextToken');
  });
});
