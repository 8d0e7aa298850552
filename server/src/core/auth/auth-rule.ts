/**
 * The collection's authRule (contract 4.2/5.2): null = nobody may authenticate through this collection,
 * "" = anyone, otherwise a filter the authenticating record must satisfy with the caller's `@request.*`.
 */
import type { App } from '../app.js';
import { forbidden } from '../errors.js';
import type { AuthOptions, Collection } from '../collections/model.js';
import type { RequestInfo } from '../../filter/request.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import { ruleCondition } from '../rules/rule-condition.js';
import { matchesCondition } from '../rules/rule-match.js';

const REFUSED = "The request doesn't satisfy the collection requirements to authenticate.";

export async function checkAuthRule(
  app: App,
  session: StorageSession,
  collection: Collection & AuthOptions,
  record: RecordData,
  request: RequestInfo,
): Promise<void> {
  const outcome = ruleCondition(app, collection, 'authRule', request);
  if (outcome.locked) throw forbidden(REFUSED);
  if (!outcome.condition) return;
  const table = app.collections.table(collection);
  if (!(await matchesCondition(session, table, String(record.id), outcome.condition))) throw forbidden(REFUSED);
}
