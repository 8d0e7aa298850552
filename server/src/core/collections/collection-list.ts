/**
 * GET /api/collections: the catalogue is small and in memory, so filtering and sorting happen here with the
 * one filter language (parse -> resolve against a synthetic schema -> evaluate), on the fields PocketBase
 * exposes for this endpoint: id, created, updated, name, system, type.
 */
import type { App } from '../app.js';
import { AppError } from '../errors.js';
import type { SortTerm } from '../../filter/condition.js';
import { FilterError } from '../../filter/errors.js';
import { evaluateCondition } from '../../filter/evaluate.js';
import { parseFilter } from '../../filter/parser.js';
import { emptyRequestInfo } from '../../filter/request.js';
import { resolveFilter } from '../../filter/resolve.js';
import type { SchemaCollection, SchemaLookup } from '../../filter/schema.js';
import { resolveSort } from '../../filter/sort.js';
import { collectionToJSON } from './collection-json.js';
import type { Collection } from './model.js';

type Param = string | number | boolean | null | undefined;

export interface ListCollectionsQuery {
  page?: Param;
  perPage?: Param;
  sort?: Param;
  filter?: Param;
  skipTotal?: Param;
}

export interface ListEnvelope<T> {
  page: number;
  perPage: number;
  totalItems: number;
  totalPages: number;
  items: T[];
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 1000;

const catalogue: SchemaCollection = {
  id: '_collections',
  name: '_collections',
  type: 'base',
  fields: [
    { name: 'id', type: 'text', storage: 'text', multiple: false, hidden: false },
    { name: 'created', type: 'autodate', storage: 'text', multiple: false, hidden: false },
    { name: 'updated', type: 'autodate', storage: 'text', multiple: false, hidden: false },
    { name: 'name', type: 'text', storage: 'text', multiple: false, hidden: false },
    { name: 'system', type: 'bool', storage: 'bool', multiple: false, hidden: false },
    { name: 'type', type: 'text', storage: 'text', multiple: false, hidden: false },
  ],
  uniqueFields: ['id', 'name'],
  listRule: null,
};
const catalogueLookup: SchemaLookup = { collection: (nameOrId) => (nameOrId === catalogue.id ? catalogue : undefined) };

function positiveInt(value: Param, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim() || NaN);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const truthy = (value: Param) => value === true || value === 1 || (typeof value === 'string' && ['1', 't', 'true'].includes(value.toLowerCase()));

function compareBy(terms: SortTerm[], rowids: Map<Collection, number>): (a: Collection, b: Collection) => number {
  const randoms = new Map<Collection, number>();
  const randomOf = (c: Collection) => {
    if (!randoms.has(c)) randoms.set(c, Math.random());
    return randoms.get(c)!;
  };
  return (a, b) => {
    for (const term of terms) {
      let diff = 0;
      if (term.kind === 'random') diff = randomOf(a) - randomOf(b);
      else if (term.kind === 'rowid') diff = (rowids.get(a)! - rowids.get(b)!) * (term.direction === 'desc' ? -1 : 1);
      else {
        const key = term.operand.field.name as keyof Collection;
        const [x, y] = [a[key], b[key]] as [unknown, unknown];
        const cmp = typeof x === 'string' && typeof y === 'string' ? (x < y ? -1 : x > y ? 1 : 0) : Number(x) - Number(y);
        diff = term.direction === 'desc' ? -cmp : cmp;
      }
      if (diff !== 0) return diff;
    }
    return 0;
  };
}

export async function listCollections(app: App, query: ListCollectionsQuery = {}): Promise<ListEnvelope<Collection>> {
  const page = positiveInt(query.page, 1);
  const perPage = Math.min(positiveInt(query.perPage, DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const options = { schema: catalogueLookup, collection: catalogue, request: emptyRequestInfo(), now: app.now(), client: false };
  const all = app.collections.all();
  const rowids = new Map(all.map((c, i) => [c, i]));

  let items = all;
  try {
    const filter = typeof query.filter === 'string' ? query.filter.trim() : '';
    if (filter) {
      const condition = resolveFilter(parseFilter(filter), options);
      items = items.filter((c) => evaluateCondition(condition, c as unknown as Record<string, unknown>));
    }
    const sort = typeof query.sort === 'string' ? query.sort.trim() : '';
    if (sort) items = [...items].sort(compareBy(resolveSort(sort, options), rowids));
  } catch (err) {
    if (err instanceof FilterError) throw new AppError(err.status === 403 ? 'forbidden' : 'bad_request', undefined, {}, err);
    throw err;
  }

  const skipTotal = truthy(query.skipTotal);
  const start = (page - 1) * perPage;
  return {
    page,
    perPage,
    totalItems: skipTotal ? -1 : items.length,
    totalPages: skipTotal ? -1 : Math.ceil(items.length / perPage),
    items: items.slice(start, start + perPage).map(collectionToJSON),
  };
}
