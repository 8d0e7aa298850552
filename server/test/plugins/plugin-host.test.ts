/**
 * The plugin host through the SDK: custom routes (auth options, caller, rules helpers, error envelope, replies),
 * records through the use cases, jobs, a namespaced settings section, `GET /api/plugins`, and loading from
 * config (PLINTH_PLUGINS module paths and a plugins file) with config validated at start.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { PlinthPlugin } from '../../src/plugins/plugin-api.js';
import { apiError, sdkClient, startPluginServer, testBackends, waitFor, type PluginServer } from './plugin-server.js';

const jobRuns: unknown[] = [];

const hostPlugin: PlinthPlugin<{ greeting: string }, { motd: string; limit: number }> = {
  name: 'host-test',
  version: '1.2.3',
  config: { greeting: { type: 'string', default: 'hello' } },
  settings: {
    defaults: { motd: 'welcome', limit: 3 },
    validate: (s) => (s.limit > 10 ? { limit: { code: 'too_big', message: 'At most 10.' } } : null),
  },
  register(api, config) {
    api.routes.get('/api/host-test/hello', (req) => ({
      greeting: config.greeting,
      motd: api.settings.get().motd,
      auth: req.caller.request.auth?.id ?? null,
      q: req.query.q ?? null,
    }));
    api.routes.get('/api/host-test/users-only', (req) => {
      req.requireAuth('users');
      return api.reply(201, { ok: true }, { 'x-plugin': 'host-test' });
    });
    api.routes.post('/api/host-test/admin', () => null, { auth: 'superuser' });
    api.routes.get('/api/host-test/fail', () => {
      throw api.errors.validation('Nope.', { q: api.errors.fieldError('bad_q', 'Bad q.') });
    });
    // Lists through the use case as the caller: the listRule applies exactly as on the built-in route.
    api.routes.get('/api/host-test/mine', async (req) => {
      const page = await api.records.as(req.caller).list('secrets');
      return { ids: page.items.map((r) => r.id) };
    });
    api.routes.get('/api/host-test/can-view/:id', async (req) => ({
      allowed: await api.rules.allows(req.caller, 'secrets', 'viewRule', req.params.id),
      isOwner: await api.rules.matches(req.caller, 'secrets', 'owner = @request.auth.id', req.params.id),
    }));
    api.jobs.define<{ n: number }>('work', async (payload) => void jobRuns.push(payload));
    api.routes.post('/api/host-test/enqueue', async (req) => ({ id: await api.jobs.enqueue('work', req.body) }), { auth: 'auth' });
  },
};

describe.each(testBackends)('plugin host (%s)', (backend) => {
  let server: PluginServer;

  beforeAll(async () => {
    server = await startPluginServer({ backend, plugins: [{ plugin: hostPlugin, config: { greeting: 'hi there' } }] });
    const users = await server.admin.collections.getOne('users');
    await server.admin.collections.create({
      name: 'secrets',
      type: 'base',
      listRule: 'owner = @request.auth.id',
      viewRule: 'owner = @request.auth.id',
      fields: [{ name: 'owner', type: 'relation', collectionId: users.id, maxSelect: 1 }],
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function user(email: string) {
    await server.admin.collection('users').create({ email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    const pb = sdkClient(server.url);
    await pb.collection('users').authWithPassword(email, 'secret-pass-1');
    return pb;
  }

  it('serves custom routes with the caller, auth options, replies and the error envelope', async () => {
    expect(await server.guest().send('/api/host-test/hello', { query: { q: 'x' } })).toEqual({ greeting: 'hi there', motd: 'welcome', auth: null, q: 'x' });
    const alice = await user('alice@example.com');
    expect((await alice.send('/api/host-test/hello', {})).auth).toBe(alice.authStore.record!.id);

    expect((await apiError(server.guest().send('/api/host-test/users-only', {}))).status).toBe(401);
    expect((await apiError(server.admin.send('/api/host-test/users-only', {}))).status).toBe(403);
    const res = await fetch(server.url + '/api/host-test/users-only', { headers: { Authorization: alice.authStore.token } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-plugin')).toBe('host-test');

    expect((await apiError(server.guest().send('/api/host-test/admin', { method: 'POST' }))).status).toBe(401);
    expect((await apiError(alice.send('/api/host-test/admin', { method: 'POST' }))).status).toBe(403);
    expect((await fetch(server.url + '/api/host-test/admin', { method: 'POST', headers: { Authorization: server.admin.authStore.token } })).status).toBe(204);

    const failed = await apiError(server.guest().send('/api/host-test/fail', {}));
    expect(failed.response).toEqual({ status: 400, message: 'Nope.', data: { q: { code: 'bad_q', message: 'Bad q.' } } });
  });

  it('reads records through the use cases with the caller’s rules, and offers rule helpers', async () => {
    const bob = await user('bob@example.com');
    const carol = await user('carol@example.com');
    const mine = await server.admin.collection('secrets').create({ owner: bob.authStore.record!.id });
    await server.admin.collection('secrets').create({ owner: carol.authStore.record!.id });
    expect(await bob.send('/api/host-test/mine', {})).toEqual({ ids: [mine.id] });
    expect(await server.guest().send('/api/host-test/mine', {})).toEqual({ ids: [] });
    expect(await bob.send(`/api/host-test/can-view/${mine.id}`, {})).toEqual({ allowed: true, isOwner: true });
    expect(await carol.send(`/api/host-test/can-view/${mine.id}`, {})).toEqual({ allowed: false, isOwner: false });
    expect((await server.admin.send(`/api/host-test/can-view/${mine.id}`, {})).allowed).toBe(true);
  });

  it('runs plugin jobs', async () => {
    const dave = await user('dave@example.com');
    const { id } = await dave.send('/api/host-test/enqueue', { method: 'POST', body: { n: 42 } });
    expect(id).toBeTruthy();
    await waitFor(() => jobRuns.some((p) => (p as { n: number }).n === 42), 'the plugin job');
  });

  it('lists loaded plugins for superusers and edits their settings section', async () => {
    expect((await apiError(server.guest().send('/api/plugins', {}))).status).toBe(401);
    expect((await apiError((await user('erin@example.com')).send('/api/plugins', {}))).status).toBe(403);
    const list = await server.admin.send('/api/plugins', {});
    expect(list.totalItems).toBe(1);
    expect(list.items[0]).toMatchObject({
      name: 'host-test',
      version: '1.2.3',
      source: 'inline',
      config: { greeting: 'hi there' },
      settings: { motd: 'welcome', limit: 3 },
      jobs: ['plugin:host-test:work'],
    });
    expect(list.items[0].routes).toContainEqual({ method: 'GET', path: '/api/host-test/hello' });

    const wrongType = await apiError(server.admin.send('/api/plugins/host-test/settings', { method: 'PATCH', body: { limit: 'many' } }));
    expect(wrongType.status).toBe(400);
    expect(wrongType.response.data).toEqual({ limit: { code: 'validation_invalid_value', message: 'Must be a number.' } });
    const invalid = await apiError(server.admin.send('/api/plugins/host-test/settings', { method: 'PATCH', body: { limit: 11 } }));
    expect(invalid.response.data).toEqual({ limit: { code: 'too_big', message: 'At most 10.' } });
    expect(await server.admin.send('/api/plugins/host-test/settings', { method: 'PATCH', body: { motd: 'good day' } })).toEqual({ motd: 'good day', limit: 3 });
    expect((await server.guest().send('/api/host-test/hello', {})).motd).toBe('good day');
    expect((await apiError(server.admin.send('/api/plugins/nope/settings', { method: 'PATCH', body: {} }))).status).toBe(404);
  });
});

describe('loading plugins from config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-plugin-modules-'));
  const modulePath = join(dir, 'greeter.mjs');
  writeFileSync(
    modulePath,
    `export const name = 'greeter';
export const config = { word: { type: 'string', required: true } };
export function register(api, config) { api.routes.get('/api/greeter', () => ({ word: config.word })); }
`,
  );
  const backend = testBackends[0];

  it('reads PLINTH_PLUGINS and PLINTH_PLUGINS_FILE into the config', () => {
    const config = loadConfig({ PLINTH_PLUGINS: ' ./a.js, @acme/b ', PLINTH_PLUGINS_FILE: '/etc/plinth/plugins.json' });
    expect(config.plugins).toEqual({ modules: ['./a.js', '@acme/b'], file: '/etc/plinth/plugins.json' });
    expect(() => loadConfig({ PLINTH_PLUGINS_FILE: 'plugins.yaml' })).toThrow('PLINTH_PLUGINS_FILE must name a .json file');
  });

  it('loads a module named in the plugins file with its config', async () => {
    const file = join(dir, 'plugins.json');
    writeFileSync(file, JSON.stringify({ plugins: [{ module: modulePath, config: { word: 'bonjour' } }] }));
    const server = await startPluginServer({ backend, config: { plugins: { modules: [modulePath], file } } });
    try {
      expect(await server.guest().send('/api/greeter', {})).toEqual({ word: 'bonjour' });
      expect((await server.admin.send('/api/plugins', {})).items[0]).toMatchObject({ name: 'greeter', source: modulePath, settings: null });
    } finally {
      await server.close();
    }
  });

  it('refuses to start with a clear error naming the plugin and the problem', async () => {
    await expect(startPluginServer({ backend, config: { plugins: { modules: [modulePath], file: null } } })).rejects.toThrow(
      /Invalid configuration of plugin "greeter":\n {2}- "word" is required/,
    );
    await expect(startPluginServer({ backend, config: { plugins: { modules: [join(dir, 'missing.mjs')], file: null } } })).rejects.toThrow(
      /cannot load plugin module ".*missing\.mjs"/,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"plugins": [{"config": {}}]}');
    await expect(startPluginServer({ backend, config: { plugins: { modules: [], file: bad } } })).rejects.toThrow('plugins[0] needs a "module" string');
    const failing: PlinthPlugin = { name: 'broken', register: () => { throw new Error('no database today'); } };
    await expect(startPluginServer({ backend, plugins: [{ plugin: failing }] })).rejects.toThrow('plugin "broken" failed to register: no database today');
  });
});
