/**
 * `sort=-created,title,+id,@random` → resolved sort terms. Terms resolve like filter identifiers but must end
 * up as record paths (no literals, macros or `@request.*` values).
 */
import { assertNoSuperuserOnlyFields } from './client-access.js';
import type { SortTerm } from './condition.js';
import { FilterError } from './errors.js';
import { createContext, type ResolveOptions } from './resolve.js';
import { resolveIdentifier } from './resolve-identifier.js';

export const maxSortTerms = 8;
export const maxSortTermLength = 255;

const identifierPattern = /^[@#_]?[\w.:]*\w$/;

export function resolveSort(text: string, options: ResolveOptions): SortTerm[] {
  if (text.trim() === '') return [];
  if (options.client) assertNoSuperuserOnlyFields([text]);

  const terms = text.split(',').map((term) => term.trim());
  if (terms.length > maxSortTerms) throw new FilterError(`Too many sort fields (max ${maxSortTerms}).`);

  const ctx = createContext(options);
  return terms.map((term): SortTerm => {
    if (term.length > maxSortTermLength) {
      throw new FilterError(`Sort field "${term.slice(0, 40)}…" is too long (max ${maxSortTermLength} characters).`);
    }
    const direction = term.startsWith('-') ? 'desc' : 'asc';
    const name = term.replace(/^[-+]/, '');
    if (name === '@random') return { kind: 'random' };
    if (name === '@rowid') return { kind: 'rowid', direction };
    if (!identifierPattern.test(name) || name.startsWith('@request.')) {
      throw new FilterError(`Invalid sort field "${name}".`);
    }
    const resolved = resolveIdentifier(name, ctx);
    if (resolved.kind !== 'path') throw new FilterError(`Invalid sort field "${name}".`);
    const { emailVisibility: _filterOnly, ...operand } = resolved;
    return { kind: 'path', operand, direction };
  });
}
