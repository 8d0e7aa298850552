/**
 * Recipe: replace built-in behaviour. The delete hook never calls next(), so the built-in delete does not run:
 * the record is flagged `deleted` instead (in the same transaction, through the update use case). A list
 * request hook then hides flagged records from everyone but superusers by rewriting the response.
 */
import type { PlinthPlugin, RecordsPage } from '../plugin-api.js';

const recipeSoftDelete: PlinthPlugin<{ collection: string }> = {
  name: 'recipe-soft-delete',
  config: { collection: { type: 'string', default: 'articles' } },
  register(api, config) {
    api.hooks.onRecordDelete(
      async (event) => {
        // The built-in delete (which checks the deleteRule) never runs: check the rule here, as it would have.
        // Reads and writes in a before hook join the write's transaction (records.within makes that explicit).
        if (!(await api.rules.allows(event.caller, config.collection, 'deleteRule', event.id))) throw api.errors.notFound();
        await api.records.within(event).update(config.collection, event.id, { deleted: true });
      },
      { collections: [config.collection] },
    );
    api.hooks.onRecordsListRequest(
      async (event, next) => {
        await next();
        if (event.request.caller.isSuperuser || event.response.status !== 200) return;
        const page = event.response.body as RecordsPage;
        event.response.body = { ...page, items: page.items.filter((r) => r.deleted !== true) };
      },
      { collections: [config.collection] },
    );
  },
};

export default recipeSoftDelete;
