/**
 * The one way collection rules (and client filters) become storage conditions, shared by every records use
 * case, expand and realtime. Rule values: null = locked (superusers only), "" = public, text = a filter that
 * must match. Resolution runs per request because `@request.*` turns into literals.
 */
import { FilterError } from '../../filter/errors.js';
import { parseFilter } from '../../filter/parser.js';
import { resolveFilter } from '../../filter/resolve.js';
import { resolveSort } from '../../filter/sort.js';
import type { Condition, SortTerm } from '../../filter/condition.js';
import type { RequestInfo } from '../../filter/request.js';
import type { App } from '../app.js';
import { AppError } from '../errors.js';
import type { Collection, RuleName } from '../collections/model.js';

export type RuleKey = RuleName | 'manageRule' | 'authRule';

/** `locked`: only superusers pass. Otherwise `condition` (absent for a public rule) must match the row. */
export type RuleOutcome = { locked: true } | { locked: false; condition?: Condition };

export const lockedMessage = 'Only superusers can perform this action.';

export function ruleText(collection: Collection, rule: RuleKey): string | null {
  const value = (collection as unknown as Record<string, unknown>)[rule];
  return typeof value === 'string' ? value : null;
}

/** Resolves `collection[rule]` for the given request (never for superusers: they bypass rules). */
export function ruleCondition(app: App, collection: Collection, rule: RuleKey, request: RequestInfo): RuleOutcome {
  const text = ruleText(collection, rule);
  if (text === null) return { locked: true };
  if (text.trim() === '') return { locked: false };
  return { locked: false, condition: resolveExpression(app, collection, text, request, false) };
}

/**
 * Parses and resolves filter text against `collection`. `client` is true for a non-superuser's query-string
 * filter: the resolver then refuses @request/@collection and hidden fields and guards relation hops.
 */
export function resolveExpression(
  app: App,
  collection: Collection,
  text: string,
  request: RequestInfo,
  client: boolean,
): Condition {
  return translateFilterErrors(() => resolveFilter(parseFilter(text), resolveOptions(app, collection, request, client)));
}

export function resolveSortText(
  app: App,
  collection: Collection,
  text: string,
  request: RequestInfo,
  client: boolean,
): SortTerm[] {
  return translateFilterErrors(() => resolveSort(text, resolveOptions(app, collection, request, client)));
}

function resolveOptions(app: App, collection: Collection, request: RequestInfo, client: boolean) {
  const schema = app.collections.schema;
  const schemaCollection = schema.collection(collection.id);
  if (!schemaCollection) throw new AppError('not_found', 'Missing collection context.');
  return { schema, collection: schemaCollection, request, now: app.now(), client };
}

/** FilterError carries a client-safe message and its status (400, or 403 for forbidden @request use). */
export function translateFilterErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FilterError) {
      throw new AppError(err.status === 403 ? 'forbidden' : 'bad_request', err.message, {}, err);
    }
    throw err;
  }
}
