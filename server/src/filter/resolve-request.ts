/**
 * `@request.*` identifiers. Everything known at request time becomes a literal; only relation paths of the
 * auth record / submitted body (`@request.auth.team.owner`, `@request.body.author.verified`) stay record paths,
 * rooted at the referenced records.
 */
import type { Operand } from './condition.js';
import { FilterError } from './errors.js';
import { baseStart, collectionRef, resolveRecordPath } from './resolve-path.js';
import {
  isJsonLike,
  isMultiValuer,
  splitPath,
  type Modifier,
  type ResolveContext,
  type ResolvedOperand,
} from './resolve-context.js';
import {
  literal,
  lookupPath,
  lowerScalar,
  nullLiteral,
  numericIfPossible,
  toIdList,
  toItems,
  toScalar,
  type LookupResult,
} from './resolve-values.js';
import type { SchemaField } from './schema.js';

/** `segments` excludes the leading `@request`. */
export function resolveRequestIdentifier(
  segments: readonly string[],
  ctx: ResolveContext,
  identifier: string,
): ResolvedOperand {
  const { names, modifier } = splitPath(segments, identifier);
  if (names[0] === 'auth' && names.length > 1) return resolveAuth(segments.slice(1), ctx, identifier);
  if (names[0] === 'body' && names.length > 1) return resolveBody(segments.slice(1), ctx, identifier);

  const { request } = ctx.options;
  const staticRoot = {
    method: request.method,
    context: request.context,
    query: request.query,
    headers: request.headers,
    body: request.body,
  };
  return staticValue(lookupPath(staticRoot, names), modifier, identifier);
}

function staticValue(found: LookupResult, modifier: Modifier | undefined, identifier: string, numeric = false): Operand {
  if (modifier === 'isset') return literal(found.found);
  if (modifier === 'changed') {
    throw new FilterError(`The :changed modifier is only supported on @request.body.<field> ("${identifier}").`);
  }
  let value = toScalar(found.value);
  if (numeric) value = numericIfPossible(value);
  return literal(modifier === 'lower' ? lowerScalar(value) : value);
}

function resolveAuth(segments: readonly string[], ctx: ResolveContext, identifier: string): ResolvedOperand {
  const auth = ctx.options.request.auth;
  if (!auth) return nullLiteral;
  const { names, modifier } = splitPath(segments, identifier);
  const record: Record<string, unknown> = {
    ...auth.record,
    id: auth.id,
    collectionId: auth.collectionId,
    collectionName: auth.collectionName,
  };
  const field = ctx.options.schema.collection(auth.collectionId)?.fields.find((f) => f.name === names[0]);

  if (names.length === 1) {
    if (field && (modifier === 'each' || modifier === 'length') && isMultiValuer(field.type)) {
      return itemsOperand(field, record[field.name], modifier);
    }
    return staticValue(lookupPath(record, names), modifier, identifier);
  }
  if (field?.type === 'relation') {
    return relationRoot(field, toIdList(record[field.name]), segments.slice(1), `@request.auth.${field.name}`, ctx, identifier);
  }
  if (!field || isJsonLike(field.type)) return staticValue(lookupPath(record, names), modifier, identifier);
  throw new FilterError(`Field "${field.name}" in "${identifier}" is not a relation.`);
}

function resolveBody(segments: readonly string[], ctx: ResolveContext, identifier: string): ResolvedOperand {
  const body = ctx.options.request.body;
  const { names, modifier } = splitPath(segments, identifier);
  const field = ctx.options.collection.fields.find((f) => f.name === names[0]);
  if (!field) return staticValue(lookupPath(body, names), modifier, identifier);

  if (names.length > 1) {
    if (field.type === 'relation') {
      return relationRoot(field, toIdList(body[field.name]), segments.slice(1), `@request.body.${field.name}`, ctx, identifier);
    }
    return staticValue(lookupPath(body, names), modifier, identifier);
  }

  const isNumber = field.type === 'number';
  switch (modifier) {
    case 'each':
    case 'length':
      if (!isMultiValuer(field.type)) {
        throw new FilterError(`Field "${field.name}" doesn't support multivalue operations ("${identifier}").`);
      }
      return itemsOperand(field, body[field.name], modifier);
    case 'lower': {
      // PocketBase lowers the submitted value cast to text, a missing value being "".
      const value = toScalar(body[field.name]);
      return literal(lowerScalar(value ?? ''));
    }
    case 'changed': {
      const found = lookupPath(body, names);
      const path = resolveRecordPath([field.name], baseStart(ctx), ctx, identifier);
      if (path.kind !== 'path') throw new FilterError(`Invalid field "${field.name}" in "${identifier}".`);
      return { kind: 'changed', isset: found.found, body: staticValue(found, undefined, identifier, isNumber), field: path };
    }
    default:
      return staticValue(lookupPath(body, names), modifier, identifier, isNumber);
  }
}

/** `:each` / `:length` over a select/relation/file value taken from the request. */
function itemsOperand(field: SchemaField, value: unknown, modifier: 'each' | 'length'): Operand {
  const items = toItems(value).map(toScalar);
  if (modifier === 'length') return literal(items.length);
  if (field.multiple) return { kind: 'list', values: items };
  return literal(items[0] ?? null);
}

/** Continues a path from the records a request relation value points at. */
function relationRoot(
  field: SchemaField,
  ids: string[],
  rest: readonly string[],
  rootKey: string,
  ctx: ResolveContext,
  identifier: string,
): ResolvedOperand {
  const target = field.relationTo ? ctx.options.schema.collection(field.relationTo) : undefined;
  if (!target || ids.length === 0) return nullLiteral;
  if (!field.multiple && rest.length === 1 && rest[0] === 'id') return literal(ids[0]);
  return resolveRecordPath(
    rest,
    {
      root: { kind: 'records', collection: collectionRef(target), ids },
      rootKey,
      collection: target,
      multi: field.multiple,
      restricted: false,
      nullifyMissing: true,
    },
    ctx,
    identifier,
  );
}
