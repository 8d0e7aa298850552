/**
 * Editor help for the rule/filter language: a quick local syntax check (the server has the last word on save)
 * and completion of the identifier under the cursor from field names and `@request.*` paths.
 */
import type { CollectionModel } from '@plinth/sdk';

const REQUEST_PATHS = [
  '@request.auth.id',
  '@request.auth.collectionName',
  '@request.auth.email',
  '@request.auth.verified',
  '@request.body.',
  '@request.query.',
  '@request.headers.',
  '@request.method',
  '@request.context',
  '@collection.',
  '@now',
  '@today',
  '@yesterday',
  '@tomorrow',
  '@second',
  '@minute',
  '@hour',
  '@day',
  '@month',
  '@year',
  '@weekday',
];

/** The first problem a person would want to know about, or undefined. */
export function checkRuleSyntax(rule: string): string | undefined {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < rule.length; i++) {
    const ch = rule[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return `Unexpected ")" at position ${i + 1}.`;
  }
  if (quote) return `Unterminated ${quote === '"' ? 'double' : 'single'}-quoted text.`;
  if (depth > 0) return 'Missing ")".';
  const trimmed = rule.trim();
  if (/(&&|\|\||[=!<>~?]=?)$/.test(trimmed)) return 'The expression ends with an operator.';
  if (/^(&&|\|\|)/.test(trimmed)) return 'The expression starts with an operator.';
  return undefined;
}

/** The identifier (field path or @macro) ending at `cursor`. */
export function tokenAt(text: string, cursor: number): { start: number; token: string } {
  let start = cursor;
  while (start > 0 && /[\w.@:]/.test(text[start - 1]!)) start--;
  return { start, token: text.slice(start, cursor) };
}

/** Completions for the identifier under the cursor (at most `limit`). */
export function ruleSuggestions(text: string, cursor: number, collection: Pick<CollectionModel, 'fields'>, limit = 8): string[] {
  const { token } = tokenAt(text, cursor);
  if (!token) return [];
  const names = collection.fields.map((f) => f.name);
  const candidates = token.startsWith('@') ? REQUEST_PATHS : names;
  const lower = token.toLowerCase();
  return candidates.filter((c) => c.toLowerCase().startsWith(lower) && c !== token).slice(0, limit);
}

/** `text` with the token under the cursor replaced by `suggestion`; returns the new text and cursor. */
export function applySuggestion(text: string, cursor: number, suggestion: string): { text: string; cursor: number } {
  const { start } = tokenAt(text, cursor);
  const next = text.slice(0, start) + suggestion + text.slice(cursor);
  return { text: next, cursor: start + suggestion.length };
}
