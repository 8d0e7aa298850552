import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { file, imageSize, jpeg, png, sqlBackends, startFilesApi, type FilesApi } from './files-fixture.js';

/** A raw GET whose path is sent exactly as given (fetch would normalise `..` and encodings away). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Serving files: headers, download, ranges, conditional GET, thumbs, and what must never be served. */
describe.each(sqlBackends)('file serving on %s', (backend) => {
  let api: FilesApi;
  let image: Buffer;
  let rec: { id: string; collectionId: string; collectionName: string; cover: string; attachments: string[] };
  beforeAll(async () => {
    api = await startFilesApi(backend);
    image = await png(300, 200);
    const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
    await api.admin.collections.create({
      name: 'media',
      ...open,
      fields: [
        { name: 'cover', type: 'file', maxSelect: 1, thumbs: ['50x50', '60x0', '40x40f'] },
        { name: 'attachments', type: 'file', maxSelect: 5 },
      ],
    });
    rec = await api.guest().collection('media').create({
      cover: file(image, 'cover.png'),
      attachments: [
        file('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>', 'page.html'),
        file('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>', 'icon.svg'),
        file('hello plain text', 'notes.txt'),
        file(await jpeg(64, 64), 'photo.jpg'),
      ],
    });
  });
  afterAll(() => api?.close());

  const url = (name: string, query: Record<string, unknown> = {}) => api.guest().files.getURL(rec, name, query);

  it('serves the bytes with the contract headers', async () => {
    const res = await fetch(url(rec.cover));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(image);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="cover_[a-z0-9]{10}\.png"/);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
    expect(res.headers.get('cache-control')).toBe('max-age=2592000, stale-while-revalidate=86400');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(image.length));
  });

  it('sends an attachment disposition for download=1', async () => {
    const res = await fetch(url(rec.cover, { download: 1 }));
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    await res.arrayBuffer();
  });

  it('answers a byte range with 206 and an impossible one with 416', async () => {
    const res = await fetch(url(rec.cover), { headers: { Range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-9/${image.length}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(image.subarray(0, 10));

    const tail = await fetch(url(rec.cover), { headers: { Range: 'bytes=-5' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(image.subarray(image.length - 5));

    const bad = await fetch(url(rec.cover), { headers: { Range: `bytes=${image.length + 10}-` } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${image.length}`);
    await bad.arrayBuffer();
  });

  it('answers conditional GETs with 304', async () => {
    const first = await fetch(url(rec.cover));
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    const modified = first.headers.get('last-modified');
    expect(etag).toBeTruthy();
    expect(modified).toBeTruthy();
    const byTag = await fetch(url(rec.cover), { headers: { 'If-None-Match': etag! } });
    expect(byTag.status).toBe(304);
    const byDate = await fetch(url(rec.cover), { headers: { 'If-Modified-Since': modified! } });
    expect(byDate.status).toBe(304);
    const stale = await fetch(url(rec.cover), { headers: { 'If-Modified-Since': new Date(0).toUTCString() } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('generates thumbs lazily, caches them, and serves the original for sizes not allowed', async () => {
    const thumbPath = api.storagePath(rec.collectionId, rec.id, `thumbs_${rec.cover}`, `100x100_${rec.cover}`);
    expect(existsSync(thumbPath)).toBe(false);
    const res = await fetch(url(rec.cover, { thumb: '100x100' }));
    expect(res.status).toBe(200);
    expect(await imageSize(res)).toEqual({ width: 100, height: 100, format: 'png' });
    expect(existsSync(thumbPath)).toBe(true);
    const again = await fetch(url(rec.cover, { thumb: '100x100' }));
    expect(await imageSize(again)).toMatchObject({ width: 100, height: 100 });

    expect(await imageSize(await fetch(url(rec.cover, { thumb: '50x50' })))).toMatchObject({ width: 50, height: 50 });
    // Wx0 keeps the aspect ratio (300x200 -> 60x40); f fits inside the box.
    expect(await imageSize(await fetch(url(rec.cover, { thumb: '60x0' })))).toMatchObject({ width: 60, height: 40 });
    expect(await imageSize(await fetch(url(rec.cover, { thumb: '40x40f' })))).toMatchObject({ width: 40, height: 27 });
    // Not in the field's thumbs: the original.
    expect(await imageSize(await fetch(url(rec.cover, { thumb: '33x33' })))).toMatchObject({ width: 300, height: 200 });
    // Other image types are thumbed too; non-images never.
    const jpg = rec.attachments.find((n) => n.startsWith('photo_'))!;
    expect(await imageSize(await fetch(url(jpg, { thumb: '100x100' })))).toMatchObject({ width: 100, height: 100, format: 'jpeg' });
    const txt = rec.attachments.find((n) => n.startsWith('notes_'))!;
    expect(await (await fetch(url(txt, { thumb: '100x100' }))).text()).toBe('hello plain text');
  });

  it('never serves HTML or SVG uploads as active content', async () => {
    for (const prefix of ['page_', 'icon_']) {
      const name = rec.attachments.find((n) => n.startsWith(prefix))!;
      const res = await fetch(url(name));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      await res.arrayBuffer();
    }
    const svg = await fetch(url(rec.attachments.find((n) => n.startsWith('icon_'))!));
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    await svg.arrayBuffer();
  });

  it('answers 404 for unknown collections, records and names', async () => {
    const base = `${api.server.url}/api/files`;
    expect((await fetch(`${base}/nope/${rec.id}/${rec.cover}`)).status).toBe(404);
    expect((await fetch(`${base}/media/abcdefghijklmno/${rec.cover}`)).status).toBe(404);
    expect((await fetch(`${base}/media/${rec.id}/other.png`)).status).toBe(404);
    const res = await fetch(`${base}/media/${rec.id}/other.png`);
    expect(await res.json()).toEqual({ status: 404, message: "The requested resource wasn't found.", data: {} });
  });

  it('refuses path traversal in ids and names, encoded or not', async () => {
    const attempts = [
      `/api/files/media/${rec.id}/..%2f..%2f..%2f..%2fetc%2fpasswd`,
      `/api/files/media/${rec.id}/..%252f..%252fetc%252fpasswd`,
      `/api/files/media/..%2f${rec.id}/${rec.cover}`,
      `/api/files/media/../../../../etc/passwd`,
      `/api/files/media/${rec.id}/..`,
      `/api/files/media/${rec.id}/%2e%2e`,
      `/api/files/${rec.collectionId}%2f${rec.id}/${rec.cover}/x`,
      `/api/files/media/${rec.id}/..%5c..%5cetc%5cpasswd`,
      `/api/files/..%2f..%2f/${rec.id}/${rec.cover}`,
      `/api/files/media/${rec.id}/${rec.cover}%00.txt`,
    ];
    for (const path of attempts) {
      const res = await rawGet(api.server.url, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body).not.toContain('root:');
    }
  });
});
