/** Uploads from File/Blob/Buffer/Uint8Array, file modifiers, URLs with thumbs, protected files with tokens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/plinth.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.admin.collections.create({
    name: 'docs',
    type: 'base',
    listRule: '',
    viewRule: '@request.auth.id != ""',
    createRule: '',
    updateRule: '',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'image', type: 'file', maxSelect: 1, thumbs: ['20x20'] },
      { name: 'files', type: 'file', maxSelect: 5 },
      { name: 'secret', type: 'file', maxSelect: 1, protected: true },
    ],
  });
  await h.admin.collection('users').create({ email: 'files@example.com', password: 'files-pass-1', passwordConfirm: 'files-pass-1' });
});
afterAll(() => h?.close());

describe('files', () => {
  it('uploads from File, Blob, Buffer and Uint8Array, with JSON values alongside', async () => {
    const docs = h.admin.collection('docs');
    const rec = await docs.create({
      title: 'multi "part"',
      image: new File([PNG], 'pic.png', { type: 'image/png' }),
      files: [new Blob(['blob text'], { type: 'text/plain' }), PNG, new Uint8Array([1, 2, 3])],
    });
    expect(rec.title).toBe('multi "part"');
    expect(rec.image).toMatch(/^pic_\w{10}\.png$/);
    expect(rec.files).toHaveLength(3);
    const res = await fetch(h.admin.files.getURL(rec, rec.image));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    const thumb = await fetch(h.admin.files.getURL(rec, rec.image, { thumb: '20x20' }));
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/png');
    const dl = await fetch(h.admin.files.getURL(rec, rec.files[0], { download: true }));
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await dl.text()).toBe('blob text');

    // Append with `files+`, keep existing names next to new files, remove with `files-`.
    const appended = await docs.update(rec.id, { 'files+': new File(['more'], 'more.txt') });
    expect(appended.files).toHaveLength(4);
    const kept = await docs.update(rec.id, { files: [appended.files[0], new File(['new'], 'new.txt')] });
    expect(kept.files).toHaveLength(2);
    expect(kept.files[0]).toBe(appended.files[0]);
    const removed = await docs.update(rec.id, { 'files-': [kept.files[0]] });
    expect(removed.files).toEqual([kept.files[1]]);
  });

  it('opens protected files only with a file token', async () => {
    const rec = await h.admin.collection('docs').create({ title: 'p', secret: new File(['top secret'], 'secret.txt') });
    const url = h.admin.files.getURL(rec, rec.secret);
    expect((await fetch(url)).status).toBe(404);
    const pb = h.guest();
    await pb.collection('users').authWithPassword('files@example.com', 'files-pass-1');
    const token = await pb.files.getToken();
    const res = await fetch(pb.files.getURL(rec, rec.secret, { token }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('top secret');
    await expect(h.guest().files.getToken()).rejects.toMatchObject({ status: 401 });
  });

  it('builds no URL without a record or filename', () => {
    expect(h.admin.files.getURL({ id: 'x', collectionName: 'docs' }, '')).toBe('');
    expect(h.admin.files.getURL({ id: 'a b', collectionName: 'docs' }, 'f/x.png')).toBe(`${h.url}/api/files/docs/a%20b/f%2Fx.png`);
  });
});
