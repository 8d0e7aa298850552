/** `pb.plugins` against a real Plinth with a plugin that declares a settings section and one that does not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPluginServer, type PluginServer } from '../../server/test/plugins/plugin-server.js';
import type { PlinthPlugin } from '../../server/src/plugins/plugin-api.js';
import { createClient, MemoryAuthStore, PlinthError, type PlinthClient } from '../src/index.js';

const tuned: PlinthPlugin<Record<string, never>, { motd: string; limit: number }> = {
  name: 'tuned',
  version: '2.0.0',
  settings: {
    defaults: { motd: 'welcome', limit: 3 },
    validate: (s) => (s.limit > 10 ? { limit: { code: 'too_big', message: 'At most 10.' } } : null),
  },
  register(api) {
    api.jobs.define('tick', async () => undefined);
    api.jobs.cron('tick', '*/5 * * * *', 'tick');
  },
};
const plain: PlinthPlugin = { name: 'plain', register: () => undefined };

let server: PluginServer;
let admin: PlinthClient;
beforeAll(async () => {
  server = await startPluginServer({ backend: 'pglite', plugins: [{ plugin: tuned }, { plugin: plain }] });
  admin = createClient(server.url, { authStore: new MemoryAuthStore() });
  await admin.collection('_superusers').authWithPassword('root@example.com', 'root-pass-1234');
});
afterAll(() => server?.close());

describe('plugins admin', () => {
  it('lists the loaded plugins with their settings, jobs and crons', async () => {
    const { items, totalItems } = await admin.plugins.list();
    expect(totalItems).toBe(2);
    expect(items[0]).toMatchObject({
      name: 'tuned',
      version: '2.0.0',
      source: 'inline',
      settings: { motd: 'welcome', limit: 3 },
      jobs: ['plugin:tuned:tick'],
      crons: [{ id: 'tuned:tick', expression: '*/5 * * * *', job: 'plugin:tuned:tick' }],
    });
    expect(items[1]).toMatchObject({ name: 'plain', version: null, settings: null });
  });

  it('updates a settings section and reports field errors', async () => {
    expect(await admin.plugins.updateSettings('tuned', { motd: 'good day' })).toEqual({ motd: 'good day', limit: 3 });
    expect((await admin.plugins.list()).items[0]!.settings).toEqual({ motd: 'good day', limit: 3 });

    const invalid = await admin.plugins.updateSettings('tuned', { limit: 11 }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(PlinthError);
    expect((invalid as PlinthError).status).toBe(400);
    expect((invalid as PlinthError).fieldErrors.limit).toMatchObject({ code: 'too_big', message: 'At most 10.' });

    await expect(admin.plugins.updateSettings('plain', {})).rejects.toMatchObject({ status: 400 });
    await expect(admin.plugins.updateSettings('nope', {})).rejects.toMatchObject({ status: 404 });
  });

  it('refuses guests', async () => {
    const guest = createClient(server.url, { authStore: new MemoryAuthStore() });
    await expect(guest.plugins.list()).rejects.toMatchObject({ status: 401 });
  });
});
