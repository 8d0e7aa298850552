/**
 * Records and rules for plugins, on the very use cases the HTTP routes call: a plugin's write is validated,
 * runs the hook chains, appends its committed events and (unless acting as the system) obeys the rules.
 */
import type { App } from '../core/app.js';
import { createRecord } from '../core/records/record-create.js';
import { deleteRecord } from '../core/records/record-delete.js';
import { listRecords } from '../core/records/record-list.js';
import { updateRecord } from '../core/records/record-update.js';
import { viewRecord } from '../core/records/record-view.js';
import type { Caller, RecordsContext } from '../core/records/records-context.js';
import { ruleCondition, resolveExpression } from '../core/rules/rule-condition.js';
import { matchesCondition } from '../core/rules/rule-match.js';
import { AppError } from '../core/errors.js';
import { emptyRequestInfo } from '../filter/request.js';
import type { StorageSession } from '../storage/port.js';
import type { PluginRecords, PluginRecordsAccess, PluginRules } from './plugin-api.js';

/** A superuser without a record: what jobs, cron and hooks act as unless they pass a request's caller. */
export const systemCaller = (): Caller => ({ request: emptyRequestInfo(), isSuperuser: true });

export function recordsClient(app: App, session: StorageSession, caller: Caller): PluginRecords {
  const ctx: RecordsContext = { app, session, caller };
  const client: PluginRecords = {
    list: (collection, params) => listRecords(ctx, collection, params),
    async first(collection, filter, params = {}) {
      const page = await listRecords(ctx, collection, { ...params, filter, page: '1', perPage: '1', skipTotal: '1' });
      return page.items[0] ?? null;
    },
    view: (collection, id, options) => viewRecord(ctx, collection, id, options),
    create: (collection, body, options) => createRecord(ctx, collection, body, options),
    update: (collection, id, body, options) => updateRecord(ctx, collection, id, body, options),
    delete: (collection, id) => deleteRecord(ctx, collection, id),
    transaction: (fn) => session.transaction((tx) => fn(recordsClient(app, tx, caller))),
  };
  return client;
}

/** Inside a "before" hook chain: its transaction (core/hooks/write-scope.ts); elsewhere the store itself. */
const sessionOf = (app: App): StorageSession => app.hooks.scope.current() ?? app.storage;

export function recordsAccess(app: App): PluginRecordsAccess {
  return {
    system: () => recordsClient(app, sessionOf(app), systemCaller()),
    as: (caller) => recordsClient(app, sessionOf(app), caller),
    within(event, caller) {
      const context = event.context as RecordsContext | undefined;
      if (!context?.session) throw new Error('records.within() needs a "before" hook event');
      return recordsClient(app, context.session, caller ?? systemCaller());
    },
  };
}

export function rulesHelpers(app: App): PluginRules {
  const check = async (caller: Caller, name: string, recordId: string, condition: () => ReturnType<typeof resolveExpression> | undefined | null) => {
    const collection = app.collections.require(name);
    const where = condition();
    if (where === null) return false;
    return matchesCondition(sessionOf(app), app.collections.table(collection), recordId, where);
  };
  return {
    allows(caller, name, rule, recordId) {
      return check(caller, name, recordId, () => {
        if (caller.isSuperuser) return undefined;
        const outcome = ruleCondition(app, app.collections.require(name), rule, caller.request);
        return outcome.locked ? null : outcome.condition;
      });
    },
    async matches(caller, name, filter, recordId) {
      try {
        return await check(caller, name, recordId, () => resolveExpression(app, app.collections.require(name), filter, caller.request, false));
      } catch (err) {
        if (err instanceof AppError && err.status === 400) throw new AppError('internal', undefined, {}, err);
        throw err;
      }
    },
  };
}
