/**
 * The example plugin: the smallest useful tour of the plugin API.
 * - a hook: messages are trimmed, and SHOUTING is refused with a field error (before create, inside the write);
 * - a custom route: `GET /api/example/summary`, public, counts what the caller may list (rules apply);
 * - a cron job: a digest record of the message count, once per tick across all instances.
 */
import type { PlinthPlugin } from '@plinth/server/src/plugins/plugin-api.js';

interface ExampleConfig {
  collection: string;
  digestCron: string;
}

const DIGESTS = 'example_digests';

const example: PlinthPlugin<ExampleConfig> = {
  name: 'example',
  version: '0.1.0',
  config: {
    collection: { type: 'string', default: 'messages', description: 'the collection whose messages are checked' },
    digestCron: { type: 'string', default: '0 * * * *', description: 'when to write a digest (cron, UTC)' },
  },

  register(api, config) {
    api.hooks.onRecordCreate(
      async (event, next) => {
        const text = String(event.body.text ?? '').trim();
        if (text.length > 3 && text === text.toUpperCase() && /[A-Z]/.test(text)) {
          throw api.errors.badRequest('Failed to create record.', { text: api.errors.fieldError('example_shouting', 'Please do not shout.') });
        }
        event.body.text = text;
        await next();
      },
      { collections: [config.collection] },
    );

    api.routes.get('/api/example/summary', async (req) => {
      const messages = await api.records.as(req.caller).list(config.collection, { perPage: '1' });
      const latest = await api.records.system().list(DIGESTS, { sort: '-created', perPage: '1' });
      return { messages: messages.totalItems, lastDigest: latest.items[0] ?? null };
    });

    api.jobs.define('digest', async () => {
      const all = await api.records.system().list(config.collection, { perPage: '1' });
      await api.records.system().create(DIGESTS, { count: all.totalItems });
    });
    api.jobs.cron('digest', config.digestCron, 'digest');

    api.onStart(async () => {
      await api.collections.ensure({ name: DIGESTS, type: 'base', fields: [{ name: 'count', type: 'number' }, { name: 'created', type: 'autodate', onCreate: true }] });
    });
  },
};

export default example;
