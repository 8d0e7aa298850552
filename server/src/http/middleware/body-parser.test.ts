/** The body parser over real loopback HTTP, inside the error envelope, echoing what it decoded. */
import { once } from 'node:events';
import { request, type Server } from 'node:http';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import type { PlinthState } from '../http-state.js';
import { bodyParserMiddleware } from './body-parser.js';
import { errorEnvelopeMiddleware } from './error-envelope.js';

const LIMIT = 1024;
let server: Server;
let base: string;

beforeAll(async () => {
  const koa = new Koa<PlinthState>();
  koa.use(errorEnvelopeMiddleware(silentLogger));
  koa.use(bodyParserMiddleware(() => LIMIT));
  koa.use((ctx) => {
    ctx.body = { body: ctx.state.body, files: ctx.state.files.map((f) => ({ ...f, data: f.data.toString() })) };
  });
  server = koa.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const post = (body: BodyInit | undefined, headers: Record<string, string> = {}) =>
  fetch(base + '/x', { method: 'POST', body, headers }).then(async (r) => ({ status: r.status, json: await r.json() }));

describe('body parser', () => {
  it('decodes JSON objects', async () => {
    const res = await post('{"a":1,"b":[true]}', { 'content-type': 'application/json' });
    expect(res).toEqual({ status: 200, json: { body: { a: 1, b: [true] }, files: [] } });
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await post('{"a":', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 400, data: {} });
  });

  it('decodes urlencoded bodies with scalar inference', async () => {
    const res = await post('n=5&flag=true&s=0001', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.json.body).toEqual({ n: 5, flag: true, s: '0001' });
  });

  it('decodes multipart: text parts, repeated keys, @jsonPayload and files', async () => {
    const form = new FormData();
    form.append('title', 'x');
    form.append('tags', 'a');
    form.append('tags', 'b');
    form.append('@jsonPayload', JSON.stringify({ title: 'json wins', obj: { k: 1 } }));
    form.append('doc', new Blob(['file-content'], { type: 'text/plain' }), 'a.txt');
    const res = await post(form);
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ title: 'json wins', tags: ['a', 'b'], obj: { k: 1 } });
    expect(res.json.files).toEqual([{ field: 'doc', filename: 'a.txt', mimeType: 'text/plain', data: 'file-content' }]);
  });

  it('refuses other content types when the body is not empty, accepts them when it is', async () => {
    const res = await post('<x/>', { 'content-type': 'application/xml' });
    expect(res).toMatchObject({ status: 400, json: { message: 'Unsupported Content-Type.' } });
    const empty = await post('', { 'content-type': 'application/xml' });
    expect(empty).toEqual({ status: 200, json: { body: {}, files: [] } });
  });

  it('answers 413 for a declared length above the limit', async () => {
    const res = await post(JSON.stringify({ s: 'x'.repeat(LIMIT) }), { 'content-type': 'application/json' });
    expect(res).toMatchObject({ status: 413, json: { status: 413, message: 'Request entity too large.', data: {} } });
  });

  it('answers 413 for a chunked body once it passes the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(base + '/x', { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"s":"');
      const chunk = 'y'.repeat(512);
      let sent = 0;
      const pump = () => {
        // keep streaming well past the limit; the server must answer without waiting for the end
        if (sent++ < 20 && !req.destroyed) req.write(chunk, () => setTimeout(pump, 2));
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('answers 413 for an oversized multipart body', async () => {
    const form = new FormData();
    form.append('doc', new Blob(['z'.repeat(LIMIT * 2)]), 'big.bin');
    const res = await post(form);
    expect(res.status).toBe(413);
  });
});
