/**
 * Full-text search without text indexes (FerretDB v1 has neither text indexes, `$text` nor the aggregation
 * operators a ranking needs), so one path runs on MongoDB and FerretDB alike: candidates are narrowed on the
 * hidden words array of the table's search spec (mongo-search-index.ts) with `$all` / `$nin` / `$or`, under its
 * multikey index, then checked and ranked exactly on the record's own text here (phrases, exclusions inside
 * OR, relevance). See README.md, "Full-text search".
 */
import type { Document } from 'mongodb';
import type { RecordData, SearchQuery } from '../port.js';
import { assertSearchSpec, parseWebSearch, searchScore, type SearchClauses } from '../search-query.js';
import type { MongoScope } from './mongo-connection.js';
import { joinEnv } from './mongo-filter-evaluate.js';
import { RowLoader } from './mongo-filter-loader.js';
import { planQuery } from './mongo-filter-semijoin.js';
import { compareKeys, sortKeys } from './mongo-filter-sort.js';
import { scan } from './mongo-records.js';
import { documentWords, ensureSearchIndex, specOf, wordsField } from './mongo-search-index.js';
import { ROWID_FIELD } from './mongo-values.js';

/** A superset of the matches, on the words field alone (phrases and exclusions inside OR are checked later). */
function wordsQuery(field: string, clauses: SearchClauses): Document {
  const required = new Set<string>();
  const excluded = new Set<string>();
  const alternatives: Document[] = [];
  for (const clause of clauses) {
    if (clause.length === 1 && !clause[0].negated) clause[0].tokens.forEach((token) => required.add(token));
    else if (clause.length === 1 && clause[0].tokens.length === 1) excluded.add(clause[0].tokens[0]);
    else if (clause.length > 1 && clause.every((term) => !term.negated)) alternatives.push({ $or: clause.map((term) => ({ [field]: { $all: term.tokens } })) });
  }
  const parts: Document[] = [...alternatives];
  if (required.size) parts.unshift({ [field]: { $all: [...required] } });
  if (excluded.size) parts.push({ [field]: { $nin: [...excluded] } });
  if (parts.length === 0) return {};
  // A document written while the spec was being created may have no words yet: always a candidate.
  return { $or: [parts.length === 1 ? parts[0] : { $and: parts }, { [field]: null }] };
}

interface Match {
  row: RecordData;
  rowid: number;
  score: number;
}

/**
 * Matches best first: relevance, then the query's sort, then insertion order. Every candidate is checked (the
 * total is exact), but only the matches that can still reach the page are kept: those scoring at least the
 * `keep`-th best score so far, so memory follows offset + limit (plus ties), not the number of matches.
 */
export async function searchRecords(scope: MongoScope, query: SearchQuery): Promise<{ rows: RecordData[]; total: number }> {
  assertSearchSpec(query);
  const { table } = query;
  const field = wordsField(query);
  if ((await specOf(scope, table))?.field !== field) await ensureSearchIndex(scope, query);
  const clauses = parseWebSearch(query.text);
  const limit = Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset));
  if (clauses.length === 0) return { rows: [], total: 0 };

  const { query: native, residual } = await planQuery(scope, query.where);
  const words = wordsQuery(field, clauses);
  const filter = Object.keys(native).length === 0 ? words : Object.keys(words).length === 0 ? native : { $and: [words, native] };
  const env = joinEnv(new RowLoader(scope));
  const keep = offset + limit;
  let kept: Match[] = [];
  let pruneAt = 2 * keep + 100;
  let total = 0;
  await scan(scope, table, filter, { [ROWID_FIELD]: 1 }, residual, env, ({ row, rowid }) => {
    const score = searchScore(clauses, documentWords(query.columns, row));
    if (score === undefined) return false;
    total += 1;
    if (keep > 0) kept.push({ row, rowid, score });
    if (kept.length > pruneAt) {
      const threshold = kept.map((m) => m.score).sort((a, b) => b - a)[keep - 1];
      kept = kept.filter((m) => m.score >= threshold);
      // Many ties at the threshold: prune again only once as many more have come.
      pruneAt = Math.max(pruneAt, 2 * kept.length);
    }
    return false;
  });

  const terms = query.sort ?? [];
  const keyed = await Promise.all(kept.map(async (m) => ({ m, keys: await sortKeys(terms, m.row, m.rowid, env) })));
  keyed.sort((a, b) => b.m.score - a.m.score || compareKeys(terms, a.keys, b.keys) || a.m.rowid - b.m.rowid);
  return { rows: keyed.slice(offset, keep).map((k) => k.m.row), total };
}
