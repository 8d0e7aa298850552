/** The example plugin in a real Plinth, through the official SDK, on each test backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startPluginServer, testBackends, waitFor, type PluginServer } from '../../../server/test/plugins/plugin-server.js';
import example from '../src/index.js';

describe.each(testBackends)('example plugin (%s)', (backend) => {
  let server: PluginServer;

  beforeAll(async () => {
    // A digest every second, so the test sees the cron fire.
    server = await startPluginServer({ backend, plugins: [{ plugin: example, config: { digestCron: '* * * * * *' } }] });
    await server.admin.collections.create({
      name: 'messages',
      type: 'base',
      listRule: 'public = true',
      createRule: '',
      fields: [{ name: 'text', type: 'text' }, { name: 'public', type: 'bool' }],
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('trims messages and refuses shouting with a field error', async () => {
    expect((await server.guest().collection('messages').create({ text: '  hello there  ' })).text).toBe('hello there');
    const err = await apiError(server.guest().collection('messages').create({ text: 'HELLO THERE' }));
    expect(err.status).toBe(400);
    expect(err.response.data).toEqual({ text: { code: 'example_shouting', message: 'Please do not shout.' } });
  });

  it('serves the summary route with the caller’s rules', async () => {
    await server.admin.collection('messages').create({ text: 'visible', public: true });
    const asGuest = await server.guest().send('/api/example/summary', {});
    const asAdmin = await server.admin.send('/api/example/summary', {});
    expect(asGuest.messages).toBe(1);
    expect(asAdmin.messages).toBe(2);
  });

  it('writes digests from its cron job', async () => {
    const summary = await waitFor(async () => {
      const s = await server.guest().send('/api/example/summary', {});
      return s.lastDigest?.count >= 2 ? s : null;
    }, 'a digest', 30_000);
    expect(summary.lastDigest.count).toBe(2);
  });

  it('rejects a bad config at start, naming the plugin', async () => {
    await expect(startPluginServer({ backend, plugins: [{ plugin: example, config: { digestCron: 5 } }] })).rejects.toThrow(
      'Invalid configuration of plugin "example":\n  - "digestCron" must be a string, got number',
    );
  });
});
