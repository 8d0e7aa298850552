import { describe, expect, it } from 'vitest';
import { completeField, scaffold } from '../collections/collection-scaffold.js';
import type { Collection } from '../collections/model.js';
import { mergeUploads, storedFileName } from './record-files.js';

describe('storedFileName', () => {
  it.each([
    ['My Photo.png', '', /^my_photo_[a-z0-9]{10}\.png$/],
    ['HelloWorldDoc.PDF', '', /^hello_world_doc_[a-z0-9]{10}\.PDF$/],
    ['archive.tar.gz', '', /^archive_[a-z0-9]{10}\.tar\.gz$/],
    ['ab.txt', '', /^ab[a-z0-9]{10}_[a-z0-9]{10}\.txt$/],
    ['noext', '.png', /^noext_[a-z0-9]{10}\.png$/],
    ['../../etc/passwd', '', /^passwd_[a-z0-9]{10}$/],
    ['..\\..\\win.ini', '', /^win_[a-z0-9]{10}\.ini$/],
    ['ünïcødé名前.jpg', '', /^n_c_d_[a-z0-9]{10}\.jpg$/],
    ['x.<script>.html', '', /^x[a-z0-9]{10}_[a-z0-9]{10}\.script\.html$/],
  ])('%j -> %s', (name, sniffed, expected) => {
    const stored = storedFileName(name, sniffed);
    expect(stored).toMatch(expected);
    expect(stored).not.toMatch(/[\\/]/);
  });

  it('caps the base name at 100 and the extension at 20 characters', () => {
    const stored = storedFileName('a'.repeat(300) + '.' + 'e'.repeat(40));
    expect(stored.length).toBeLessThanOrEqual(150);
    expect(stored).toMatch(/^a{100}_[a-z0-9]{10}\.e{20}$/);
  });
});

describe('mergeUploads', () => {
  const collection: Collection = {
    ...scaffold('base'),
    id: 'pbc_1',
    name: 'docs',
    fields: [completeField({ name: 'docs', type: 'file', maxSelect: 5 }), completeField({ name: 'title', type: 'text' })],
  };
  const upload = (key: string, filename: string) => ({ key, filename, data: new Uint8Array([1]), mimeType: 'text/plain', extension: '.txt' });

  it('puts stored names after the names sent as text under the same key, and ignores non-file keys', () => {
    const { body, pending, infos } = mergeUploads(collection, { docs: 'old.txt', title: 't' }, [upload('docs', 'new.txt'), upload('docs+', 'more.txt'), upload('title', 'x.txt')]);
    const names = [...pending.keys()];
    expect(names).toHaveLength(2);
    expect(body).toEqual({ docs: ['old.txt', names[0]], 'docs+': [names[1]], title: 't' });
    expect(infos.get(names[0])).toEqual({ filename: 'new.txt', size: 1, mimeType: 'text/plain' });
  });
});
