/** Liveness and readiness over HTTP, per backend (readiness internals: src/cluster/readiness.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe.each(testBackends)('health on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers liveness without touching dependencies, and readiness with each check', async () => {
    const live = await fetch(`${server.url}/api/health`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({ code: 200, message: 'API is ready.', data: { migrations: 'ok', database: 'ok' } });
  });
});
