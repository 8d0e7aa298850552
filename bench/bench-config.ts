/**
 * What the benchmark measures: the dataset, the load profile and the scenarios. Every target (Plinth on
 * PostgreSQL, Plinth on PGlite, the Koa + pg ceiling) answers the same PocketBase-shaped URLs, so one scenario
 * definition drives all of them and the ratios compare like with like.
 */

export interface Profile {
  name: 'full' | 'short';
  /** Rows in `posts` (authors: records / 100, at least 20). */
  records: number;
  connections: number;
  /** Measured seconds per scenario and target, after `warmupSec` of unmeasured load. */
  durationSec: number;
  warmupSec: number;
  /**
   * The measured seconds are split into this many rounds, the targets taking turns (in reverse order every other
   * round): a machine whose speed drifts during a scenario then slows every target alike, not the one measured
   * last. Later rounds warm up for at most a second.
   */
  rounds: number;
  /** Plinth processes on the one PostgreSQL database, the load spread evenly over them (default 1). */
  instances?: number;
  /**
   * What-if: the seeded tables' text columns switched to COLLATE "C", the collation Plinth's compiled sorts and
   * range filters use, so that their indexes can serve them (not what Plinth creates today).
   */
  cCollation?: boolean;
}

export const FULL: Profile = { name: 'full', records: 100_000, connections: 32, durationSec: 12, warmupSec: 2, rounds: 3 };
/** CI: proves every target and scenario still runs end to end, in well under a minute. Figures are noise. */
export const SHORT: Profile = { name: 'short', records: 2_000, connections: 4, durationSec: 0.3, warmupSec: 0, rounds: 1 };

export const authorCount = (p: Profile): number => Math.max(20, Math.floor(p.records / 100));

/** Seeded ids are deterministic, so load generators can pick random existing records without a query. */
export const postId = (i: number): string => 'p' + String(i).padStart(14, '0');
export const authorId = (i: number): string => 'a' + String(i).padStart(14, '0');

/** The filter of the list scenarios, in PocketBase syntax; the ceiling hard-codes its SQL twin. */
export const LIST_FILTER = "status = 'published' && score > 500";
/** Seeded rows get `created` one second apart from this instant (keyset scenario cuts in the middle). */
export const SEED_EPOCH = Date.UTC(2024, 0, 1);
export const DEEP_PAGE = 2_000;

export interface BenchRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: string;
}

export interface Scenario {
  name: string;
  /** Writes go last: they change the dataset the reads measure. */
  writes: boolean;
  next(profile: Profile): BenchRequest;
}

const RECORDS = '/api/collections/posts/records';
const randomInt = (max: number): number => 1 + Math.floor(Math.random() * max);
const statuses = ['draft', 'published', 'archived'];

/** PocketBase's datetime text for a seeded row (see the seed SQL). */
export function seededCreated(i: number): string {
  return new Date(SEED_EPOCH + i * 1000).toISOString().replace('T', ' ');
}

const q = (params: Record<string, string | number>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

export const SCENARIOS: Scenario[] = [
  { name: 'get by id', writes: false, next: (p) => ({ method: 'GET', path: `${RECORDS}/${postId(randomInt(p.records))}` }) },
  {
    name: 'list 20, filtered + sorted',
    writes: false,
    next: () => ({ method: 'GET', path: `${RECORDS}?${q({ filter: LIST_FILTER, sort: '-created', perPage: 20, skipTotal: 1 })}` }),
  },
  {
    name: 'list 20, filtered + sorted, with total',
    writes: false,
    next: () => ({ method: 'GET', path: `${RECORDS}?${q({ filter: LIST_FILTER, sort: '-created', perPage: 20 })}` }),
  },
  {
    name: 'list 20 with expand',
    writes: false,
    next: () => ({ method: 'GET', path: `${RECORDS}?${q({ sort: '-created', perPage: 20, skipTotal: 1, expand: 'author' })}` }),
  },
  {
    // The API has no cursor parameter; a filter on the sort key is its keyset pagination.
    name: 'deep page, keyset (filter on created)',
    writes: false,
    next: (p) => ({
      method: 'GET',
      path: `${RECORDS}?${q({ filter: `created < '${seededCreated(Math.floor(p.records / 2))}'`, sort: '-created', perPage: 20, skipTotal: 1 })}`,
    }),
  },
  {
    name: `deep page, offset (page ${DEEP_PAGE})`,
    writes: false,
    next: (p) => ({
      method: 'GET',
      path: `${RECORDS}?${q({ sort: '-created', perPage: 20, skipTotal: 1, page: Math.min(DEEP_PAGE, Math.floor(p.records / 40)) })}`,
    }),
  },
  {
    name: 'update',
    writes: true,
    next: (p) => ({ method: 'PATCH', path: `${RECORDS}/${postId(randomInt(p.records))}`, body: JSON.stringify({ score: randomInt(999) }) }),
  },
  {
    name: 'create',
    writes: true,
    next: (p) => ({
      method: 'POST',
      path: RECORDS,
      body: JSON.stringify({
        title: `bench ${Math.random().toString(36).slice(2)}`,
        status: statuses[randomInt(3) - 1],
        score: randomInt(999),
        author: authorId(randomInt(authorCount(p))),
      }),
    }),
  },
];
