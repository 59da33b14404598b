/**
 * ListConfigurationSets paging, as floci recorded it against real SES (docs/aws-behaviour.md, "SESv2
 * configuration sets"; floci SesListPaging): 50 names per page by default, PageSize outside 1..1000 is a
 * BadRequestException, and a NextToken is bound to the Region and the filter it was issued for; a token
 * that does not decode, or is replayed elsewhere, is a BadRequestException. The token itself is the
 * emulator's one pager's (core/paging.ts).
 */
import type { TokenRules } from '../core/paging.js';
import { badRequest } from './errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export function pageSizeOf(requested: number | undefined): number {
  if (requested === undefined) return DEFAULT_PAGE_SIZE;
  if (requested < 1 || requested > MAX_PAGE_SIZE) throw badRequest(`PageSize must be between 1 and ${MAX_PAGE_SIZE}; got ${requested}.`);
  return requested;
}

export const CONFIGURATION_SET_TOKENS: TokenRules = {
  list: 'sesv2:ListConfigurationSets',
  malformed: (token) => badRequest(`Invalid NextToken <${token}>.`),
  otherScope: (token) => badRequest(`NextToken <${token}> was issued for another Region or filter; repeat the request that returned it.`),
};
