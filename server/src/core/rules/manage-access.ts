/**
 * Auth collections' manageRule: requesters matching it may manage other auth records of the collection
 * (change email/password/verified, see hidden emails). Needs an authenticated requester and a non-empty rule;
 * superusers are handled by the callers (they bypass every rule).
 */
import type { RequestInfo } from '../../filter/request.js';
import type { StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { Collection } from '../collections/model.js';
import { ruleCondition, ruleText } from './rule-condition.js';
import { idsMatching } from './rule-match.js';

export async function managedIds(
  app: App,
  session: StorageSession,
  collection: Collection,
  request: RequestInfo,
  ids: readonly string[],
): Promise<Set<string>> {
  if (collection.type !== 'auth' || !request.auth || ids.length === 0) return new Set();
  if (!ruleText(collection, 'manageRule')?.trim()) return new Set();
  const outcome = ruleCondition(app, collection, 'manageRule', request);
  if (outcome.locked) return new Set();
  return idsMatching(session, app.collections.table(collection), ids, outcome.condition);
}

export async function hasManageAccess(
  app: App,
  session: StorageSession,
  collection: Collection,
  request: RequestInfo,
  id: string,
): Promise<boolean> {
  return (await managedIds(app, session, collection, request, [id])).has(id);
}
