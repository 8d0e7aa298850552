/** Dispatches one identifier (or literal/function operand) of the parsed filter to its resolver. */
import type { FilterOperand } from './ast.js';
import { FilterError } from './errors.js';
import { resolveCall } from './resolve-functions.js';
import { datetimeMacroValue, isDatetimeMacro } from './resolve-macros.js';
import { baseStart, collectionRef, resolveRecordPath } from './resolve-path.js';
import { resolveRequestIdentifier } from './resolve-request.js';
import type { ResolveContext, ResolvedOperand } from './resolve-context.js';
import { literal } from './resolve-values.js';

const keywordLiterals: Record<string, boolean | null> = { true: true, false: false, null: null };
const aliasPattern = /^\w+$/;

export function resolveOperand(operand: FilterOperand, ctx: ResolveContext): ResolvedOperand {
  switch (operand.kind) {
    case 'number':
      return literal(operand.value);
    case 'text':
      return literal(operand.value);
    case 'call':
      return resolveCall(operand, ctx, resolveOperand);
    case 'identifier':
      return resolveIdentifier(operand.name, ctx);
  }
}

export function resolveIdentifier(name: string, ctx: ResolveContext): ResolvedOperand {
  const keyword = name.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(keywordLiterals, keyword)) return literal(keywordLiterals[keyword]);
  if (isDatetimeMacro(name)) return literal(datetimeMacroValue(name, ctx.options.now));

  const segments = name.split('.');
  if (segments[0] === '@request' && segments.length > 1) return resolveRequestIdentifier(segments.slice(1), ctx, name);
  if (segments[0] === '@collection' && segments.length > 1) return resolveCollectionIdentifier(segments, ctx, name);
  if (name.startsWith('@') || name.startsWith('#')) throw new FilterError(`Unknown identifier "${name}".`);
  return resolveRecordPath(segments, baseStart(ctx), ctx, name);
}

/** `@collection.<nameOrId>[:alias].<path>`: every record of another collection, joined without condition. */
function resolveCollectionIdentifier(segments: readonly string[], ctx: ResolveContext, name: string): ResolvedOperand {
  if (segments.length < 3) throw new FilterError(`Invalid @collection field path "${name}".`);
  const [nameOrId, alias = '', extra] = segments[1].split(':');
  if (extra !== undefined || (segments[1].includes(':') && !aliasPattern.test(alias))) {
    throw new FilterError(`Invalid @collection alias in "${name}".`);
  }
  const collection = ctx.options.schema.collection(nameOrId);
  if (!collection) throw new FilterError(`Unknown collection "${nameOrId}" in "${name}".`);
  return resolveRecordPath(
    segments.slice(2),
    {
      root: { kind: 'collection', collection: collectionRef(collection), alias },
      rootKey: alias ? `@collection.${collection.name}:${alias}` : `@collection.${collection.name}`,
      collection,
      multi: true,
      restricted: false,
      nullifyMissing: false,
    },
    ctx,
    name,
  );
}
