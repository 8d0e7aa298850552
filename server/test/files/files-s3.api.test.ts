import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../api/api-fixture.js';
import { file, imageSize, png, sqlBackends, startFilesApi, type FilesApi } from './files-fixture.js';

/** The S3 driver against a local S3-compatible server (s3rver on loopback), selected through settings `s3`. */
describe.each(sqlBackends)('S3 file storage on %s', (backend) => {
  let api: FilesApi;
  let s3: S3rver;
  let s3Dir: string;
  let endpoint: string;
  const objects = async (prefix: string): Promise<string[]> => {
    const { S3Client, ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      const out = await client.send(new ListObjectsV2Command({ Bucket: 'plinth', Prefix: prefix }));
      return (out.Contents ?? []).map((o) => o.Key!).sort();
    } finally {
      client.destroy();
    }
  };

  beforeAll(async () => {
    s3Dir = mkdtempSync(join(tmpdir(), 'plinth-s3rver-'));
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: 'plinth', configs: [] }] });
    const { port } = await s3.run();
    endpoint = `http://127.0.0.1:${port}`;
    api = await startFilesApi(backend);
    await api.admin.collections.create({
      name: 'bucketed',
      listRule: '',
      viewRule: '',
      createRule: '',
      updateRule: '',
      deleteRule: '',
      fields: [{ name: 'docs', type: 'file', maxSelect: 3 }],
    });
  });
  afterAll(async () => {
    await api?.close();
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it('refuses to test S3 while it is disabled, and validates enabled settings', async () => {
    const off = await expectApiError(api.admin.settings.testS3('storage'), 400);
    expect(off.response.message).toBe('S3 storage filesystem is not enabled.');
    const invalid = await expectApiError(api.admin.settings.update({ s3: { enabled: true } }), 400);
    expect(invalid.response.data.s3).toMatchObject({ bucket: { code: 'validation_required' }, secret: { code: 'validation_required' } });
  });

  it('stores, serves and deletes record files in the bucket once settings enable S3', async () => {
    await api.admin.settings.update({
      s3: { enabled: true, bucket: 'plinth', region: 'us-east-1', endpoint, accessKey: 'S3RVER', secret: 'S3RVER', forcePathStyle: true },
    });
    const settings = await api.admin.settings.getAll();
    expect(settings.s3).toMatchObject({ enabled: true, bucket: 'plinth', accessKey: 'S3RVER' });
    expect(settings.s3).not.toHaveProperty('secret');
    // A PATCH without the (never sent back) secret keeps it.
    await api.admin.settings.update({ s3: { region: 'us-east-1' } });
    expect(await api.admin.settings.testS3('storage')).toBe(true);

    const image = await png(120, 80);
    const pb = api.guest();
    const rec = await pb.collection('bucketed').create({ docs: [file(image, 'pic.png'), file('text body', 'a.txt')] });
    const prefix = `${rec.collectionId}/${rec.id}/`;
    expect(await objects(prefix)).toEqual([...(rec.docs as string[])].map((n) => prefix + n).sort());
    // Nothing went to the local disk.
    expect(api.storedNames(rec.collectionId, rec.id)).toEqual([]);

    const [pic, txt] = rec.docs as string[];
    const res = await fetch(pb.files.getURL(rec, pic));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(image);
    const part = await fetch(pb.files.getURL(rec, txt), { headers: { Range: 'bytes=5-8' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('body');
    // s3rver (the local S3 double) may answer a GET right after a PUT before the object's bytes are on disk;
    // real S3 is read-after-write consistent. Allow that double a couple of retries.
    let thumb = Buffer.alloc(0);
    for (let attempt = 0; attempt < 5 && thumb.length === 0; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, 300));
      thumb = Buffer.from(await (await fetch(pb.files.getURL(rec, pic, { thumb: '100x100' }))).arrayBuffer());
    }
    expect(await imageSize(new Response(thumb))).toMatchObject({ width: 100, height: 100 });
    expect(await objects(`${prefix}thumbs_${pic}/`)).toEqual([`${prefix}thumbs_${pic}/100x100_${pic}`]);

    await pb.collection('bucketed').update(rec.id, { 'docs-': [pic] });
    expect(await objects(prefix)).toEqual([prefix + txt]);
    await pb.collection('bucketed').delete(rec.id);
    expect(await objects(prefix)).toEqual([]);
  });
});
