/**
 * Record paths: `field`, `rel.field`, `rel.other_via_rel.field`, `json.a.0`, with a starting root (the base
 * record, `@collection.x`, or records picked by id from `@request.*`).
 */
import type { Hop, LeafField, PathOperand, PathRoot } from './condition.js';
import { FilterError } from './errors.js';
import {
  isJsonLike,
  isMultiValuer,
  splitPath,
  type ResolveContext,
  type ResolvedOperand,
} from './resolve-context.js';
import { nullLiteral } from './resolve-values.js';
import type { SchemaCollection, SchemaField } from './schema.js';

export const maxRelationHops = 6;

export interface PathStart {
  root: PathRoot;
  /** joinKey prefix identifying the root ('' for the base record). */
  rootKey: string;
  collection: SchemaCollection;
  multi: boolean;
  /** Non-superuser client path on the base record: hidden fields refused, hops guarded, emails private. */
  restricted: boolean;
  /** Unknown fields resolve to NULL instead of failing (PocketBase does this under `@request.*`). */
  nullifyMissing: boolean;
}

const viaPattern = /^(\w+)_via_(\w+)$/;

export const baseStart = (ctx: ResolveContext): PathStart => ({
  root: { kind: 'base' },
  rootKey: '',
  collection: ctx.options.collection,
  multi: false,
  restricted: ctx.options.client,
  nullifyMissing: false,
});

export function collectionRef(collection: SchemaCollection) {
  return { id: collection.id, name: collection.name };
}

export function leafOf(field: SchemaField): LeafField {
  return { name: field.name, type: field.type, storage: field.storage, multiple: field.multiple };
}

export function resolveRecordPath(
  segments: readonly string[],
  start: PathStart,
  ctx: ResolveContext,
  identifier: string,
): ResolvedOperand {
  const { names, modifier } = splitPath(segments, identifier);
  const hops: Hop[] = [];
  const hopKeys: string[] = [];
  let collection = start.collection;
  let multi = start.multi;

  const finish: Finish = (field, rest) => ({
    kind: 'path',
    root: start.root,
    hops,
    field: leafOf(field),
    ...rest,
    multi: rest.multi ?? multi,
    joinKey: [start.rootKey, ...hopKeys].filter(Boolean).join('.'),
  });

  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const isLast = i === names.length - 1;
    const field = collection.fields.find((f) => f.name === name);

    // A write-only value must not be guessable through matches (`secret ~ "whsec_a%"`), by anyone.
    if (field && ((field.hidden && start.restricted) || field.writeOnly)) throw new FilterError(`Non-filterable field "${name}".`);

    if (isLast) {
      if (!field) {
        if (start.nullifyMissing) return nullLiteral;
        throw new FilterError(`Unknown field "${name}" in "${identifier}".`);
      }
      return resolveLeaf(field, collection, modifier, start, finish, identifier);
    }

    if (field && isJsonLike(field.type)) {
      if (modifier && modifier !== 'lower' && modifier !== 'each' && modifier !== 'length') {
        throw new FilterError(`The :${modifier} modifier is not supported in "${identifier}".`);
      }
      const jsonPath = names.slice(i + 1).map((key) => (/^-?\d+$/.test(key) ? Number(key) : key));
      return finish(field, { jsonPath, ...(modifier === 'lower' ? { modifier } : {}) });
    }

    if (hops.length >= maxRelationHops) {
      throw new FilterError(`Too many nested relations in "${identifier}" (max ${maxRelationHops}).`);
    }

    if (!field) {
      const back = resolveBackRelation(name, collection, start, ctx, identifier);
      if (!back) return nullLiteral;
      hops.push(back.hop);
      hopKeys.push(name);
      multi ||= back.hop.multiple;
      collection = back.source;
      continue;
    }

    if (field.type !== 'relation') {
      throw new FilterError(`Field "${name}" in "${identifier}" is not a relation.`);
    }
    const target = field.relationTo ? ctx.options.schema.collection(field.relationTo) : undefined;
    if (!target) throw new FilterError(`Missing related collection of field "${name}" in "${identifier}".`);

    // `author.id` on a single relation reads the stored id: no join needed.
    if (!field.multiple && i === names.length - 2 && names[i + 1] === 'id' && !modifier) {
      return finish(field, {});
    }

    const guard = start.restricted ? guardOrThrow(target, ctx, identifier) : undefined;
    hops.push({
      kind: 'relation',
      field: field.name,
      multiple: field.multiple,
      target: collectionRef(target),
      ...(guard ? { guard } : {}),
    });
    hopKeys.push(field.name);
    multi ||= field.multiple;
    collection = target;
  }
  throw new FilterError(`Invalid field path "${identifier}".`);
}

type Finish = (
  field: SchemaField,
  rest: { modifier?: PathOperand['modifier']; jsonPath?: PathOperand['jsonPath']; multi?: boolean },
) => PathOperand;

function resolveLeaf(
  field: SchemaField,
  collection: SchemaCollection,
  modifier: string | undefined,
  start: PathStart,
  finish: Finish,
  identifier: string,
): ResolvedOperand {
  let operand: PathOperand;
  switch (modifier) {
    case undefined:
      operand = finish(field, {});
      break;
    case 'lower':
      operand = finish(field, { modifier: 'lower' });
      break;
    case 'length':
      operand = isMultiValuer(field.type) ? finish(field, { modifier: 'length' }) : finish(field, {});
      break;
    case 'each':
      // Iterating a single value yields the value itself, so only multiple fields become multi-valued.
      operand =
        isMultiValuer(field.type) && field.multiple ? finish(field, { modifier: 'each', multi: true }) : finish(field, {});
      break;
    default:
      throw new FilterError(`The :${modifier} modifier is only supported on @request.* fields ("${identifier}").`);
  }

  if (start.restricted && collection.type === 'auth' && field.name === 'email') {
    const visibility = collection.fields.find((f) => f.name === 'emailVisibility') ?? {
      name: 'emailVisibility',
      type: 'bool',
      storage: 'bool' as const,
      multiple: false,
      hidden: false,
    };
    const { modifier: _ignored, ...unmodified } = operand;
    return { ...operand, emailVisibility: { ...unmodified, field: leafOf(visibility) } };
  }
  return operand;
}

function resolveBackRelation(
  name: string,
  current: SchemaCollection,
  start: PathStart,
  ctx: ResolveContext,
  identifier: string,
): { hop: Hop; source: SchemaCollection } | undefined {
  const fail = (message: string) => {
    if (start.nullifyMissing) return undefined;
    throw new FilterError(message);
  };
  const match = viaPattern.exec(name);
  if (!match) return fail(`Unknown field "${name}" in "${identifier}".`);
  const source = ctx.options.schema.collection(match[1]);
  if (!source) return fail(`Unknown back-relation collection "${match[1]}" in "${identifier}".`);
  const field = source.fields.find((f) => f.name === match[2]);
  if (!field) return fail(`Unknown back-relation field "${match[2]}" in "${identifier}".`);
  if (field.type !== 'relation' || field.relationTo !== current.id) {
    return fail(`Field "${match[2]}" of "${source.name}" is not a relation to "${current.name}" ("${identifier}").`);
  }
  if ((field.hidden && start.restricted) || field.writeOnly) throw new FilterError(`Non-filterable back relation field "${field.name}".`);

  const multiple = field.multiple || !source.uniqueFields.includes(field.name);
  const guard = start.restricted ? guardOrThrow(source, ctx, identifier) : undefined;
  return {
    source,
    hop: {
      kind: 'backRelation',
      source: collectionRef(source),
      field: field.name,
      fieldMultiple: field.multiple,
      multiple,
      ...(guard ? { guard } : {}),
    },
  };
}

/** Client filters may only cross into collections they could list themselves. */
function guardOrThrow(target: SchemaCollection, ctx: ResolveContext, identifier: string) {
  if (target.listRule === null) {
    throw new FilterError(`Only superusers can filter by "${identifier}" (the "${target.name}" collection is restricted).`);
  }
  return ctx.guardFor(target);
}
