import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAttempt } from './webhook-http.js';
import { isPrivateAddress } from '../net/address-guard.js';

let server: Server;
let base: string;
const seen: { path: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ path: req.url!, headers: req.headers, body });
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/ok' }).end();
      if (req.url === '/hang') return; // never answers
      if (req.url === '/big') return void res.writeHead(200).end('x'.repeat(100_000));
      if (req.url === '/slow-body') return void res.writeHead(200).write('partial');
      res.writeHead(req.url === '/gone' ? 410 : 200, { 'content-type': 'text/plain' }).end('ok:' + body.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const attempt = (path: string, extra: Partial<Parameters<typeof sendAttempt>[0]> = {}) =>
  sendAttempt({ url: base + path, headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 2000, allowPrivateTargets: true, ...extra });

describe('sendAttempt', () => {
  it('posts the body with the headers and keeps the answer', async () => {
    const result = await attempt('/ok', { headers: { 'x-extra': 'yes', 'content-type': 'application/json' } });
    expect(result).toMatchObject({ status: 200, excerpt: 'ok:7' });
    expect(result.error).toBeUndefined();
    const last = seen.at(-1)!;
    expect(last.headers['x-extra']).toBe('yes');
    expect(last.body).toBe('{"a":1}');
  });

  it('does not follow redirects', async () => {
    const before = seen.length;
    expect((await attempt('/redirect')).status).toBe(302);
    expect(seen.length).toBe(before + 1);
  });

  it('cuts a hanging receiver at the timeout', async () => {
    const result = await attempt('/hang', { timeoutMs: 300 });
    expect(result).toMatchObject({ status: 0, error: 'timeout' });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('counts a status line that arrived even when the body hangs', async () => {
    expect(await attempt('/slow-body', { timeoutMs: 300 })).toMatchObject({ status: 200, excerpt: 'partial' });
  });

  it('keeps only an excerpt of a long answer', async () => {
    const result = await attempt('/big');
    expect(result.status).toBe(200);
    expect(result.excerpt.length).toBe(1024);
  });

  it('refuses private targets unless allowed: IP literals and names resolving to them', async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      const port = new URL(base).port;
      const result = await sendAttempt({ url: `http://${host}:${port}/ok`, headers: {}, body: '', timeoutMs: 2000, allowPrivateTargets: false });
      expect(result, host).toMatchObject({ status: 0, error: 'refused' });
    }
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/', 'http://[fd00:ec2::254]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/']) {
      expect(await sendAttempt({ url, headers: {}, body: '', timeoutMs: 2000, allowPrivateTargets: false }), url).toMatchObject({ error: 'refused' });
    }
  });

  it('reuses a kept-alive connection for the next attempt', async () => {
    let connections = 0;
    const count = () => void connections++;
    server.on('connection', count);
    try {
      for (let i = 0; i < 3; i++) expect((await attempt('/ok')).status).toBe(200);
    } finally {
      server.off('connection', count);
    }
    expect(connections).toBeLessThanOrEqual(1);
  });

  it('sends again over a new connection when the receiver reset an idle kept-alive one', async () => {
    const requestsOn = new WeakMap<object, number>();
    const resetting = createServer((req, res) => {
      const n = (requestsOn.get(req.socket) ?? 0) + 1;
      requestsOn.set(req.socket, n);
      // The second request on a connection finds it gone, as when a receiver drops idle connections.
      if (n > 1) return void req.socket.resetAndDestroy();
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('fresh'));
    });
    await new Promise<void>((r) => resetting.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(resetting.address() as AddressInfo).port}/`;
    try {
      for (let i = 0; i < 3; i++) {
        expect(await attempt('', { url }), `attempt ${i + 1}`).toMatchObject({ status: 200, excerpt: 'fresh' });
      }
    } finally {
      resetting.closeAllConnections();
      await new Promise((r) => resetting.close(r));
    }
  });

  it('reports bad URLs and header values as invalid', async () => {
    expect(await attempt('', { url: 'ftp://example.com/' })).toMatchObject({ error: 'invalid' });
    expect(await attempt('/ok', { headers: { 'bad header': 'x' } })).toMatchObject({ error: 'invalid' });
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.0.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.100.100.200', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd00:ec2::254', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::127.0.0.1', true],
    ['2606:4700:4700::1111', false],
    ['not-an-ip', true],
  ])('%s -> %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
