/**
 * Relation expansion (`expand=author,comments_via_post.user`). Per level and per requested hop, ONE query
 * fetches the related rows of all parent records, filtered by the target collection's viewRule resolved with
 * `@request.context = "expand"`. Locked, missing or rejected relations are dropped silently, and a failing hop
 * never fails the request: expansion is a best-effort enrichment.
 */
import type { LeafField } from '../../filter/condition.js';
import type { RecordData } from '../../storage/port.js';
import type { Collection, Field } from '../collections/model.js';
import { and, idIn, referencesAny } from '../rules/condition-build.js';
import { ruleCondition } from '../rules/rule-condition.js';
import { parseExpand, splitBackRelation, type ExpandTree } from './expand-paths.js';
import { findField, isWriteOnly, relationTarget, valueList } from './record-fields.js';
import type { RecordJSON, RecordsContext } from './records-context.js';
import { serializeRecords } from './serialize-record.js';

/** Back-relation arrays are capped, as in PocketBase. */
export const maxBackRelationItems = 1000;

/** Adds `expand` to each item (items[i] is the JSON of rows[i]). No-op when nothing was requested. */
export async function expandRecords(
  ctx: RecordsContext,
  collection: Collection,
  rows: RecordData[],
  items: RecordJSON[],
  expand: string | undefined,
): Promise<void> {
  const tree = parseExpand(expand);
  if (tree.size === 0 || rows.length === 0) return;
  const expandCtx: RecordsContext = {
    ...ctx,
    caller: { ...ctx.caller, request: { ...ctx.caller.request, context: 'expand' } },
  };
  await expandLevel(expandCtx, collection, rows, items, tree);
}

/** Convenience for single-record responses. */
export async function expandRecord(ctx: RecordsContext, collection: Collection, row: RecordData, item: RecordJSON, expand?: string) {
  await expandRecords(ctx, collection, [row], [item], expand);
}

interface Hop {
  /** The collection the expanded records come from. */
  target: Collection;
  /** 'relation': `field` is on the parent; 'back': `field` is on `target` and points at the parent. */
  kind: 'relation' | 'back';
  field: Field;
  leaf: LeafField;
  /** For relations: multiple -> array; for back relations: not (single and unique) -> array. */
  asArray: boolean;
}

async function expandLevel(
  ctx: RecordsContext,
  collection: Collection,
  rows: RecordData[],
  items: RecordJSON[],
  tree: ExpandTree,
): Promise<void> {
  for (const item of items) item.expand ??= {};
  for (const [name, subtree] of tree) {
    try {
      const hop = resolveHop(ctx, collection, name);
      if (hop) await expandHop(ctx, rows, items, name, hop, subtree);
    } catch (err) {
      ctx.app.logger.debug('expand failed', { collection: collection.name, path: name, error: String(err) });
    }
  }
}

function leafOf(ctx: RecordsContext, collection: Collection, field: Field): LeafField | undefined {
  const schemaField = ctx.app.collections.schema.collection(collection.id)?.fields.find((f) => f.name === field.name);
  return schemaField && { name: schemaField.name, type: schemaField.type, storage: schemaField.storage, multiple: schemaField.multiple };
}

function resolveHop(ctx: RecordsContext, collection: Collection, name: string): Hop | undefined {
  const visible = (f: Field) => (!f.hidden || ctx.caller.isSuperuser) && !isWriteOnly(f);
  const own = findField(collection, name);
  if (own) {
    const targetId = relationTarget(own);
    const target = targetId ? ctx.app.collections.get(targetId) : undefined;
    const leaf = leafOf(ctx, collection, own);
    if (!target || !leaf || !visible(own)) return undefined;
    return { target, kind: 'relation', field: own, leaf, asArray: leaf.multiple };
  }
  const back = splitBackRelation(name);
  const source = back && ctx.app.collections.get(back.collection);
  const field = source && findField(source, back.field);
  if (!source || !field || relationTarget(field) !== collection.id || !visible(field)) return undefined;
  const leaf = leafOf(ctx, source, field);
  if (!leaf) return undefined;
  const unique = ctx.app.collections.schema.collection(source.id)?.uniqueFields.includes(field.name) ?? false;
  return { target: source, kind: 'back', field, leaf, asArray: leaf.multiple || !unique };
}

async function expandHop(
  ctx: RecordsContext,
  rows: RecordData[],
  items: RecordJSON[],
  name: string,
  hop: Hop,
  subtree: ExpandTree,
): Promise<void> {
  let condition;
  if (!ctx.caller.isSuperuser) {
    const outcome = ruleCondition(ctx.app, hop.target, 'viewRule', ctx.caller.request);
    if (outcome.locked) return;
    condition = outcome.condition;
  }
  const parentIds = rows.map((r) => String(r.id));
  const wanted = hop.kind === 'relation' ? rows.flatMap((r) => valueList(r[hop.field.name])) : parentIds;
  if (wanted.length === 0) return;
  const where = hop.kind === 'relation' ? idIn(wanted) : referencesAny(hop.leaf, wanted);
  const related = await ctx.session.find({ table: ctx.app.collections.table(hop.target), where: and(where, condition) });
  if (related.length === 0) return;

  const relatedJSON = await serializeRecords(ctx, hop.target, related);
  if (subtree.size > 0) await expandLevel(ctx, hop.target, related, relatedJSON, subtree);
  const byId = new Map(related.map((row, i) => [String(row.id), relatedJSON[i]]));

  rows.forEach((row, i) => {
    const found =
      hop.kind === 'relation'
        ? valueList(row[hop.field.name]).flatMap((id) => byId.get(id) ?? [])
        : related
            .filter((r) => valueList(r[hop.field.name]).includes(String(row.id)))
            .slice(0, maxBackRelationItems)
            .map((r) => byId.get(String(r.id))!);
    if (found.length === 0) return;
    items[i].expand![name] = hop.asArray ? found : found[0];
  });
}
