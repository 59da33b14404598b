/**
 * NextToken: opaque to callers, as AWS's are. Ours names the list it pages and the sort key of the last
 * item returned, so a page resumes after it even when items were added or deleted in between; a token
 * that does not decode, or belongs to another list, answers InvalidNextToken (DescribeAlarms' modeled
 * error; ListDashboards answers InvalidParameterValue, its only modeled client error besides faults).
 */
export function encodeNextToken(list: string, after: string): string {
  return Buffer.from(JSON.stringify({ v: 1, list, after }), 'utf8').toString('base64url');
}

/** The sort key to resume after, or undefined when the token is not one of ours for `list`. */
export function decodeNextToken(list: string, token: string): string | undefined {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: unknown; list?: unknown; after?: unknown };
    return t.v === 1 && t.list === list && typeof t.after === 'string' ? t.after : undefined;
  } catch {
    return undefined;
  }
}
