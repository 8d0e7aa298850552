/**
 * Full-text search pieces shared by storage adapters, free of any driver: the spec's identity and checks, a
 * tokeniser, and PostgreSQL's web-search syntax (`websearch_to_tsquery`) as a structure an adapter without a
 * text-search engine can match (the MongoDB adapter; PostgreSQL parses the text itself).
 *
 * Syntax: words are all required; "quoted words" must be adjacent, in order; `or` between two terms makes
 * either enough; a leading `-` excludes a word or phrase. Other punctuation only separates words.
 */
import { createHash } from 'node:crypto';
import type { SearchIndexSpec } from './port.js';

const LANGUAGE = /^[a-z_]{1,40}$/;
/** Longer words are cut: they still match themselves, and index keys stay small. */
const MAX_TOKEN = 100;
const HTML_TAG = /<\/?[a-z][^<>]*>/gi;
const WORD = /[\p{L}\p{N}]+/gu;

/** Throws on a spec no adapter may build: a bad language name, no columns, an unknown column. */
export function assertSearchSpec(spec: SearchIndexSpec): void {
  if (!LANGUAGE.test(spec.language)) throw new Error(`invalid text search language ${JSON.stringify(spec.language)}`);
  if (spec.columns.length === 0) throw new Error('a search index needs at least one column');
  const known = new Set(spec.table.columns.map((c) => c.name));
  for (const name of spec.columns) if (!known.has(name)) throw new Error(`unknown column ${JSON.stringify(name)}`);
}

/** A short stable name for what a search index covers (columns in order, language), for index names. */
export function searchSpecHash(spec: SearchIndexSpec): string {
  return createHash('sha256').update(JSON.stringify([spec.language, spec.columns])).digest('hex').slice(0, 10);
}

/**
 * The words of a text in order: HTML tags skipped (as PostgreSQL's parser does), lower-cased, diacritics
 * folded (é → e, ﬁ → fi), split on anything that is not a Unicode letter or digit. No stemming, no stop words.
 */
export function searchTokens(text: string): string[] {
  const folded = text.replace(HTML_TAG, ' ').toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '');
  return (folded.match(WORD) ?? []).map((token) => token.slice(0, MAX_TOKEN));
}

/** One word (a single token) or phrase (several, adjacent in order), possibly excluded. */
export interface SearchTerm {
  tokens: string[];
  negated: boolean;
}

/** Terms ANDed together, each clause an OR of its terms. Empty when the text holds no words (matches nothing). */
export type SearchClauses = SearchTerm[][];

const LEXEME = /(-)?(?:"([^"]*)"?|([^\s"]+))/g;

export function parseWebSearch(text: string): SearchClauses {
  const clauses: SearchClauses = [];
  let orPending = false;
  for (const match of text.matchAll(LEXEME)) {
    const [, minus, phrase, bare] = match;
    if (bare !== undefined && !minus && bare.toLowerCase() === 'or') {
      orPending = clauses.length > 0;
      continue;
    }
    const tokens = searchTokens(phrase ?? bare ?? '');
    if (tokens.length === 0) continue;
    const term: SearchTerm = { tokens, negated: minus === '-' };
    if (orPending) clauses[clauses.length - 1].push(term);
    else clauses.push([term]);
    orPending = false;
  }
  return clauses;
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): number {
  let hits = 0;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((token, j) => haystack[i + j] === token)) hits += 1;
  }
  return hits;
}

/**
 * How well a document's words (searchTokens of its columns joined by a space) match, or undefined when they do
 * not. The whole part counts the distinct query words present plus the phrases found; the fraction grows with
 * how often the query's words occur, so it only orders documents of equal whole part.
 */
export function searchScore(clauses: SearchClauses, documentTokens: readonly string[]): number | undefined {
  if (clauses.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const token of documentTokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const occurrences = (term: SearchTerm) => (term.tokens.length === 1 ? (counts.get(term.tokens[0]) ?? 0) : containsSequence(documentTokens, term.tokens));
  for (const clause of clauses) {
    if (!clause.some((term) => (occurrences(term) > 0) !== term.negated)) return undefined;
  }
  const positive = clauses.flat().filter((term) => !term.negated);
  const words = new Set(positive.flatMap((term) => term.tokens));
  const phrasesFound = positive.filter((term) => term.tokens.length > 1 && occurrences(term) > 0).length;
  const wordsFound = [...words].filter((token) => counts.has(token));
  const frequency = wordsFound.reduce((sum, token) => sum + (counts.get(token) ?? 0), 0);
  return wordsFound.length + phrasesFound + (1 - 1 / (1 + frequency));
}
