import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../api/api-fixture.js';
import { file, png, sqlBackends, startFilesApi, type FilesApi } from './files-fixture.js';

const STORED = (base: string, ext: string) => new RegExp(`^${base}_[a-z0-9]{10}\\${ext}$`);

/** Uploads through the SDK: stored names, validation, modifiers, and when files leave storage. */
describe.each(sqlBackends)('file uploads on %s', (backend) => {
  let api: FilesApi;
  let docsId: string;
  let image: Buffer;
  beforeAll(async () => {
    api = await startFilesApi(backend);
    image = await png(40, 30);
    const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
    const docs = await api.admin.collections.create({
      name: 'docs',
      ...open,
      fields: [
        { name: 'title', type: 'text' },
        { name: 'cover', type: 'file', maxSelect: 1, mimeTypes: ['image/png', 'image/jpeg'] },
        { name: 'attachments', type: 'file', maxSelect: 3, maxSize: 1000 },
      ],
    });
    docsId = docs.id;
  });
  afterAll(() => api?.close());

  it('stores an upload under a PocketBase-style name and returns it in the record', async () => {
    const rec = await api.guest().collection('docs').create({ title: 'a', cover: file(image, 'My Photo.png') });
    expect(rec.cover).toMatch(STORED('my_photo', '.png'));
    expect(api.storedNames(docsId, rec.id)).toEqual([rec.cover]);
    expect(readFileSync(api.storagePath(docsId, rec.id, rec.cover))).toEqual(image);
  });

  it('follows the stored-name rules: short names, no extension, path parts', async () => {
    const pb = api.guest();
    const short = await pb.collection('docs').create({ cover: file(image, 'a.png') });
    expect(short.cover).toMatch(/^a[a-z0-9]{10}_[a-z0-9]{10}\.png$/);
    // No extension: taken from the sniffed content.
    const bare = await pb.collection('docs').create({ cover: file(image, 'snapshot') });
    expect(bare.cover).toMatch(STORED('snapshot', '.png'));
    const sneaky = await pb.collection('docs').create({ cover: file(image, '../../etc/Passwd.png') });
    expect(sneaky.cover).not.toMatch(/[\\/]/);
    expect(api.storedNames(docsId, sneaky.id)).toEqual([sneaky.cover]);
  });

  it('checks mime types on the sniffed content, not the declared type or name', async () => {
    const err = await expectApiError(api.guest().collection('docs').create({ cover: file('<html><script>alert(1)</script></html>', 'x.png', 'image/png') }), 400);
    expect(err.response.data.cover).toMatchObject({ code: 'validation_invalid_mime_type' });
  });

  it('enforces maxSize and maxSelect', async () => {
    const pb = api.guest();
    const big = await expectApiError(pb.collection('docs').create({ attachments: [file('x'.repeat(1001), 'big.txt')] }), 400);
    expect(big.response.data.attachments).toMatchObject({ code: 'validation_file_size_limit', params: { maxSize: 1000 } });
    const many = [1, 2, 3, 4].map((i) => file(`f${i}`, `f${i}.txt`));
    const tooMany = await expectApiError(pb.collection('docs').create({ attachments: many }), 400);
    expect(tooMany.response.data.attachments).toMatchObject({ code: 'validation_too_many_files', params: { maxSelect: 3 } });
  });

  it('rejects a file name that is not already on the record', async () => {
    const err = await expectApiError(api.guest().collection('docs').create({ attachments: ['nope.txt'] }), 400);
    expect(err.response.data.attachments).toMatchObject({ code: 'validation_invalid_file' });
  });

  it('appends, prepends, removes and replaces with field+, +field, field- and the plain key', async () => {
    const pb = api.guest();
    const rec = await pb.collection('docs').create({ attachments: [file('one', 'one.txt')] });
    const [one] = rec.attachments as string[];
    const appended = await pb.collection('docs').update(rec.id, { 'attachments+': file('two', 'two.txt') });
    expect(appended.attachments).toHaveLength(2);
    expect(appended.attachments[0]).toBe(one);
    const prepended = await pb.collection('docs').update(rec.id, { '+attachments': file('zero', 'zero.txt') });
    expect(prepended.attachments).toHaveLength(3);
    expect(prepended.attachments[0]).toMatch(STORED('zero', '.txt'));
    const full = await expectApiError(pb.collection('docs').update(rec.id, { 'attachments+': file('four', 'four.txt') }), 400);
    expect(full.response.data.attachments).toMatchObject({ code: 'validation_too_many_files' });
    expect(api.storedNames(docsId, rec.id)).toHaveLength(3);

    const two = appended.attachments[1] as string;
    const removed = await pb.collection('docs').update(rec.id, { 'attachments-': [two] });
    expect(removed.attachments).not.toContain(two);
    expect(existsSync(api.storagePath(docsId, rec.id, two))).toBe(false);

    // Plain key with files: replaces the list, keeping the names also sent as text.
    const replaced = await pb.collection('docs').update(rec.id, { attachments: [one, file('new', 'new.txt')] });
    expect(replaced.attachments).toHaveLength(2);
    expect(replaced.attachments[0]).toBe(one);
    expect(replaced.attachments[1]).toMatch(STORED('new', '.txt'));
    expect(api.storedNames(docsId, rec.id)).toEqual([...(replaced.attachments as string[])].sort());

    // Clearing with [] deletes every file.
    const cleared = await pb.collection('docs').update(rec.id, { attachments: [] });
    expect(cleared.attachments).toEqual([]);
    expect(api.storedNames(docsId, rec.id)).toEqual([]);
  });

  it('replaces a single file and deletes the old one after the update', async () => {
    const pb = api.guest();
    const rec = await pb.collection('docs').create({ cover: file(image, 'first.png') });
    const updated = await pb.collection('docs').update(rec.id, { cover: file(image, 'second.png') });
    expect(updated.cover).toMatch(STORED('second', '.png'));
    expect(api.storedNames(docsId, rec.id)).toEqual([updated.cover]);
  });

  it('removes the record directory when the record is deleted', async () => {
    const pb = api.guest();
    const rec = await pb.collection('docs').create({ cover: file(image, 'gone.png'), attachments: [file('a', 'a.txt')] });
    expect(api.storedNames(docsId, rec.id)).toHaveLength(2);
    await pb.collection('docs').delete(rec.id);
    expect(existsSync(api.storagePath(docsId, rec.id))).toBe(false);
  });

  it('accepts uploads in batch sub-requests (requests.N.field parts)', async () => {
    await api.admin.settings.update({ batch: { enabled: true } });
    const batch = api.admin.createBatch();
    batch.collection('docs').create({ title: 'b1', cover: file(image, 'batch one.png') });
    batch.collection('docs').create({ title: 'b2', attachments: [file('x', 'x.txt'), file('y', 'y.txt')] });
    const results = await batch.send();
    const [first, second] = results.map((r) => r.body as { id: string; cover: string; attachments: string[] });
    expect(first.cover).toMatch(STORED('batch_one', '.png'));
    expect(second.attachments).toHaveLength(2);
    expect(api.storedNames(docsId, first.id)).toEqual([first.cover]);
    expect(api.storedNames(docsId, second.id)).toEqual([...second.attachments].sort());
  });

  it('keeps storage unchanged when a batch rolls back: new uploads go, removed files stay', async () => {
    const pb = api.admin;
    const rec = await pb.collection('docs').create({ attachments: [file('keep', 'keep.txt')] });
    const kept = rec.attachments[0] as string;
    const batch = pb.createBatch();
    batch.collection('docs').update(rec.id, { 'attachments-': [kept] });
    batch.collection('docs').create({ title: 'rolled back', cover: file(image, 'rollback.png') });
    batch.collection('docs').update('missing-record-id', { title: 'fails' });
    await expectApiError(batch.send(), 400);
    expect(api.storedNames(docsId, rec.id)).toEqual([kept]);
    const all = await pb.collection('docs').getFullList({ filter: 'title = "rolled back"' });
    expect(all).toHaveLength(0);
    // No directory holds a rollback.png upload any more.
    const { readdirSync } = await import('node:fs');
    const leftovers = readdirSync(api.storagePath(docsId)).flatMap((id) => api.storedNames(docsId, id)).filter((n) => n.startsWith('rollback_'));
    expect(leftovers).toEqual([]);
  });

  it('deletes uploads of a create whose rule fails after the insert', async () => {
    const guarded = await api.admin.collections.create({
      name: 'guarded',
      listRule: '',
      viewRule: '',
      createRule: 'title = "ok"',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'doc', type: 'file', maxSelect: 1 },
      ],
    });
    await expectApiError(api.guest().collection('guarded').create({ title: 'no', doc: file('data', 'doc.txt') }), 400);
    // The failed create's upload is gone, and so is its (then empty) directory.
    expect(existsSync(api.storagePath(guarded.id))).toBe(false);
    const ok = await api.guest().collection('guarded').create({ title: 'ok', doc: file('data', 'doc.txt') });
    expect(api.storedNames(guarded.id, ok.id)).toEqual([ok.doc]);
  });

  it('takes an avatar on the built-in users collection', async () => {
    const pb = api.guest();
    const user = await pb.collection('users').create({ email: 'pic@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', avatar: file(image, 'me.png') });
    // Names shorter than 3 characters get 10 random characters appended.
    expect(user.avatar).toMatch(STORED('me[a-z0-9]{10}', '.png'));
    const svgErr = await expectApiError(
      pb.collection('users').create({ email: 'pic2@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', avatar: file('plain text', 'me.png') }),
      400,
    );
    expect(svgErr.response.data.avatar).toMatchObject({ code: 'validation_invalid_mime_type' });
  });
});
