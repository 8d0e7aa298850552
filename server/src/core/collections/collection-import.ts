/**
 * PUT /api/collections/import: applies a whole schema in one transaction. Collections are matched by id, then
 * by name. With deleteMissing, unlisted non-system collections and unlisted fields are dropped; without it,
 * fields missing from an imported definition are kept.
 */
import type { App } from '../app.js';
import { formatDateTime } from '../datetime.js';
import { AppError, type FieldErrors } from '../errors.js';
import type { StorageSession } from '../../storage/port.js';
import { appendCollectionEvent } from './collection-events.js';
import { buildNewCollection, buildUpdatedCollection, finalizeCollection, isPlainObject } from './collection-input.js';
import { toTableSchema } from './collection-schema.js';
import { schemaChangeError } from './collection-storage-errors.js';
import { validateCollection } from './collection-validate.js';
import type { Collection } from './model.js';

const FAILED = 'Failed to import collections.';

interface Planned {
  draft: Collection;
  original: Collection | null;
}

function importError(detail: string, data?: FieldErrors): AppError {
  return new AppError('validation_failed', FAILED, {
    collections: {
      code: 'validation_collections_import_failure',
      message: 'Failed to import the collections configuration. Raw error:\n' + detail,
    },
    ...(data ? { details: data } : {}),
  });
}

export async function importCollections(
  app: App,
  collections: unknown[],
  deleteMissing: boolean,
  session: StorageSession = app.storage,
): Promise<void> {
  const existing = app.collections.all();
  const matched = new Set<Collection>();
  const planned: Planned[] = collections.map((raw, i) => {
    if (!isPlainObject(raw)) throw importError(`collection ${i}: invalid definition`);
    const byId = typeof raw.id === 'string' && raw.id ? existing.find((c) => c.id === raw.id) : undefined;
    const byName = typeof raw.name === 'string' ? existing.find((c) => c.name.toLowerCase() === String(raw.name).toLowerCase()) : undefined;
    const original = byId ?? (raw.id ? undefined : byName) ?? null;
    if (!original) return { draft: buildNewCollection(raw, (id) => existing.some((c) => c.id === id)), original: null };
    matched.add(original);
    const draft = buildUpdatedCollection(original, raw);
    if (!deleteMissing && Array.isArray(draft.fields)) {
      for (const old of original.fields) if (!draft.fields.some((f) => f?.id === old.id)) draft.fields.push(old);
    }
    return { draft, original };
  });

  const removed = deleteMissing ? existing.filter((c) => !matched.has(c) && !c.system) : [];
  const kept = existing.filter((c) => !matched.has(c) && !removed.includes(c));
  const finalSet = [...kept, ...planned.map((p) => p.draft)];

  for (const [i, { draft, original }] of planned.entries()) {
    const errors = validateCollection({ collection: draft, original, others: finalSet.filter((c) => c !== draft), viewCollections: app.storage.capabilities.viewCollections });
    if (errors) throw importError(`${draft.name || i}: ${JSON.stringify(errors)}`, { [String(i)]: errors });
  }
  const now = formatDateTime(app.now());

  try {
    await session.transaction(async (tx) => {
      for (const c of removed) {
        await tx.deleteCollection(toTableSchema(c));
        await appendCollectionEvent(app, tx, 'collection.deleted', c);
      }
      for (const { draft, original } of planned) {
        if (original) {
          const next = finalizeCollection({ ...draft, updated: now });
          await tx.updateCollection(toTableSchema(original), toTableSchema(next), next);
          await appendCollectionEvent(app, tx, 'collection.updated', next);
        } else {
          const next = finalizeCollection({ ...draft, created: now, updated: now });
          await tx.createCollection(toTableSchema(next), next);
          await appendCollectionEvent(app, tx, 'collection.created', next);
        }
      }
    });
  } catch (err) {
    throw schemaChangeError(err, FAILED);
  }
  await app.collections.load(session);
}
