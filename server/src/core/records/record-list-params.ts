/**
 * List paging parameters, parsed like PocketBase's search provider: Go integers for page/perPage (≤0 falls
 * back to the defaults, perPage is clamped to 1000), a Go bool for skipTotal; malformed values are a 400.
 */
import { badRequest } from '../errors.js';

export const defaultPerPage = 30;
export const maxPerPage = 1000;

export interface ListPaging {
  page: number;
  perPage: number;
  skipTotal: boolean;
}

function goInt(raw: string): number {
  if (!/^[+-]?\d+$/.test(raw)) throw badRequest();
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw badRequest();
  return n;
}

const goTrue = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const goFalse = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function parseGoBool(raw: string): boolean {
  if (goTrue.has(raw)) return true;
  if (goFalse.has(raw)) return false;
  throw badRequest();
}

export function parseListPaging(params: { page?: string; perPage?: string; skipTotal?: string }): ListPaging {
  const page = params.page ? goInt(params.page) : 1;
  const perPage = params.perPage ? goInt(params.perPage) : defaultPerPage;
  return {
    page: page > 0 ? page : 1,
    perPage: perPage <= 0 ? defaultPerPage : Math.min(perPage, maxPerPage),
    skipTotal: params.skipTotal ? parseGoBool(params.skipTotal) : false,
  };
}
