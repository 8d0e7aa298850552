/** Graceful shutdown: close() stops accepting connections but lets a request in flight finish. */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.js';

describe('server lifecycle', () => {
  it('drains an in-flight request on close, then refuses new connections', async () => {
    const server = await startTestServer({ backend: 'pglite' });
    const url = new URL(server.url);

    // A slow upload: the request is in flight while close() begins.
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: '/api/collections/_superusers/auth-with-password', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"identity":"' + server.superuser.email + '",');
      setTimeout(() => req.end('"password":"' + server.superuser.password + '"}'), 300);
    });

    await new Promise((r) => setTimeout(r, 100));
    const closed = server.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).record.email).toBe(server.superuser.email);
    await closed;
    await expect(fetch(server.url + '/api/health')).rejects.toThrow();
  });
});
