/**
 * Full-text search per collection (pocketbase #193) through the storage port's search capability: PostgreSQL
 * `tsvector` + a GIN index, MongoDB an indexed words array (no stemming). Two ways in, both with the
 * collection's listRule and PocketBase filters applied:
 *   GET /api/search/{collection}?q=...&filter=...&page=&perPage=&expand=
 *   GET /api/collections/{collection}/records?search=...   (the ordinary list endpoint; SDK: `{ search: '...' }`)
 * Results are ranked by relevance. On storage without the capability both answer 400.
 */
import type { PlinthPlugin, PluginApi } from '@plinth/server/src/plugins/plugin-api.js';

interface SearchTarget {
  fields: string[];
  language: string;
}

interface SearchConfig {
  /** `{ "posts": { "fields": ["title", "body"], "language": "english" } }` */
  collections: Record<string, unknown>;
}

const LANGUAGE = /^[a-z_]{1,40}$/;

function readTargets(raw: Record<string, unknown>): Map<string, SearchTarget> {
  const targets = new Map<string, SearchTarget>();
  for (const [name, value] of Object.entries(raw)) {
    const spec = (value ?? {}) as { fields?: unknown; language?: unknown };
    const fields = spec.fields;
    if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === 'string')) {
      throw new Error(`config "collections.${name}.fields" must be a non-empty list of field names`);
    }
    const language = spec.language ?? 'simple';
    if (typeof language !== 'string' || !LANGUAGE.test(language)) throw new Error(`config "collections.${name}.language" must be a text search configuration name such as "english"`);
    targets.set(name, { fields: fields as string[], language });
  }
  return targets;
}

const search: PlinthPlugin<SearchConfig> = {
  name: 'search',
  version: '0.1.0',
  config: { collections: { type: 'object', required: true, description: 'collection name -> { fields, language }' } },

  register(api, config) {
    const targets = readTargets(config.collections);
    const ensure = async (name: string) => {
      const target = targets.get(name);
      if (!target || !api.collections.get(name) || !api.search.available) return;
      await api.search.ensureIndex(name, target.fields, target.language);
    };

    api.onStart(async () => {
      if (!api.search.available) return api.logger.warn('full-text search is not supported by this storage; search endpoints answer 400');
      for (const name of targets.keys()) await ensure(name);
    });
    // A collection created or changed later (fields renamed, added back) gets its index (re)built.
    api.hooks.onCollectionAfterCreate((e) => ensure(e.collectionName), { id: 'index-on-create' });
    api.hooks.onCollectionAfterUpdate((e) => ensure(e.collectionName), { id: 'index-on-update' });

    api.routes.get('/api/search/:collection', (req) => run(api, targets, req.params.collection, req.caller, req.query.q ?? '', req.query));

    api.hooks.onRecordsListRequest(
      async (event, next) => {
        const text = event.request.query.search;
        if (text === undefined) return next();
        const collection = event.collection.name;
        event.response = { status: 200, body: await run(api, targets, collection, event.request.caller, text, event.request.query) };
      },
      { collections: [...targets.keys()], id: 'list-search' },
    );
  },
};

function run(
  api: PluginApi,
  targets: Map<string, SearchTarget>,
  collection: string,
  caller: Parameters<PluginApi['search']['records']>[0],
  text: string,
  query: Record<string, string>,
) {
  const target = targets.get(collection) ?? targets.get(api.collections.get(collection)?.name ?? '');
  if (!target) throw api.errors.notFound('Search is not enabled for this collection.');
  const int = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  return api.search.records(caller, collection, {
    text,
    fields: target.fields,
    language: target.language,
    filter: query.filter,
    page: int(query.page),
    perPage: int(query.perPage),
    expand: query.expand,
  });
}

export default search;
