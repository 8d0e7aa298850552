/**
 * Full-text search for plugins, on the storage port's `searchRecords` when the adapter declares
 * `capabilities.fullTextSearch`. It is a records list in all but matching: the listRule and the client filter
 * apply exactly as in `GET /records`, and rows come back serialised per caller (hidden fields, expand).
 */
import type { App } from '../core/app.js';
import type { Collection } from '../core/collections/model.js';
import { AppError, badRequest, fieldError } from '../core/errors.js';
import { accessCondition, toResponse } from '../core/records/record-access.js';
import { parseListPaging } from '../core/records/record-list-params.js';
import type { RecordsContext } from '../core/records/records-context.js';
import { and } from '../core/rules/condition-build.js';
import { resolveExpression } from '../core/rules/rule-condition.js';
import type { PluginSearch } from './plugin-api.js';

const LANGUAGE = /^[a-z_]{1,40}$/;
const MAX_TEXT = 500;

/** The fields searchable as text: stored as one string per record and not secret. */
function searchColumns(collection: Collection, fields: readonly string[]): string[] {
  if (fields.length === 0) throw new Error(`search on "${collection.name}" needs at least one field`);
  return fields.map((name) => {
    const field = collection.fields.find((f) => f.name === name);
    if (!field) throw new Error(`search field "${name}" does not exist in "${collection.name}"`);
    const multiple = typeof field.maxSelect === 'number' && field.maxSelect > 1;
    if (!['text', 'editor', 'email', 'url', 'select'].includes(field.type) || multiple || field.hidden || field.writeOnly) {
      throw new Error(`search field "${name}" of "${collection.name}" must be a visible single-value text field (${field.type})`);
    }
    return name;
  });
}

function language(value: string | undefined): string {
  const lang = value ?? 'simple';
  if (!LANGUAGE.test(lang)) throw new Error(`invalid search language ${JSON.stringify(lang)}`);
  return lang;
}

export function searchHelpers(app: App): PluginSearch {
  const available = () => app.storage.capabilities.fullTextSearch === true && typeof app.storage.searchRecords === 'function';
  const unavailable = () => new AppError('bad_request', 'Full-text search is not supported by this storage.');

  return {
    get available() {
      return available();
    },

    async ensureIndex(name, fields, lang) {
      if (!available() || !app.storage.ensureSearchIndex) throw unavailable();
      const collection = app.collections.require(name);
      const spec = { table: app.collections.table(collection), columns: searchColumns(collection, fields), language: language(lang) };
      await app.storage.ensureSearchIndex(spec);
    },

    async records(caller, name, query) {
      if (!available() || !app.storage.searchRecords) throw unavailable();
      const collection = app.collections.require(name);
      const text = query.text.trim();
      if (!text) throw badRequest('Invalid search query.', { q: fieldError('validation_required', 'Cannot be blank.') });
      if (text.length > MAX_TEXT) {
        throw badRequest('Invalid search query.', { q: fieldError('validation_length_too_long', `The length must be no more than ${MAX_TEXT}.`, { max: MAX_TEXT }) });
      }
      const ctx: RecordsContext = { app, session: app.storage, caller };
      const { page, perPage } = parseListPaging({ page: query.page?.toString(), perPage: query.perPage?.toString() });
      const rule = accessCondition(ctx, collection, 'listRule');
      const filter = query.filter?.trim() ? resolveExpression(app, collection, query.filter, caller.request, !caller.isSuperuser) : undefined;
      const { rows, total } = await app.storage.searchRecords({
        table: app.collections.table(collection),
        columns: searchColumns(collection, query.fields),
        language: language(query.language),
        text,
        where: and(rule, filter),
        limit: perPage,
        offset: (page - 1) * perPage,
      });
      const items = await toResponse(ctx, collection, rows, query.expand);
      return { page, perPage, totalItems: total, totalPages: Math.ceil(total / perPage), items };
    },
  };
}
