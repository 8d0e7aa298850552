import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { parseFields, projectFields, projectResponse } from './fields-projection.js';
import { htmlExcerpt } from './html-excerpt.js';

const record = {
  id: 'r1',
  title: 'Hello',
  body: '<p>First   paragraph</p><p>Second <b>bold</b> text</p>',
  meta: { a: 1, b: { c: 2, d: 3 } },
  expand: { author: { id: 'u1', name: 'Ann', email: 'a@x.io' }, tags: [{ id: 't1', name: 'x' }, { id: 't2', name: 'y' }] },
};

describe('fields projection', () => {
  it('keeps only the listed top-level keys', () => {
    expect(projectFields(record, parseFields('id,title'))).toEqual({ id: 'r1', title: 'Hello' });
  });

  it('descends dotted paths into objects and arrays of objects', () => {
    expect(projectFields(record, parseFields('id, meta.b.c, expand.author.name, expand.tags.id'))).toEqual({
      id: 'r1',
      meta: { b: { c: 2 } },
      expand: { author: { name: 'Ann' }, tags: [{ id: 't1' }, { id: 't2' }] },
    });
  });

  it('keeps a whole value when its key itself is listed, even with nested paths too', () => {
    expect(projectFields(record, parseFields('meta,meta.a'))).toEqual({ meta: record.meta });
  });

  it('* keeps every key of its level not otherwise mentioned', () => {
    const out = projectFields(record, parseFields('*,expand.author.name')) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['body', 'expand', 'id', 'meta', 'title']);
    expect(out.expand).toEqual({ author: { name: 'Ann' } });
    expect(out.meta).toEqual(record.meta);
  });

  it('applies :excerpt to the selected value', () => {
    expect(projectFields(record, parseFields('body:excerpt(12,true)'))).toEqual({ body: 'First paragr...' });
    expect(projectFields(record, parseFields('body:excerpt(200)'))).toEqual({ body: 'First paragraph Second bold text' });
    // non-strings are left alone
    expect(projectFields(record, parseFields('meta:excerpt(2)'))).toEqual({ meta: record.meta });
  });

  it('projects list envelopes inside items only', () => {
    const page = { page: 1, perPage: 30, totalItems: 1, totalPages: 1, items: [record] };
    expect(projectResponse(page, 'id')).toEqual({ page: 1, perPage: 30, totalItems: 1, totalPages: 1, items: [{ id: 'r1' }] });
  });

  it('leaves scalars and arrays of scalars alone', () => {
    expect(projectFields(['a', 'b'], parseFields('id'))).toEqual(['a', 'b']);
    expect(projectFields(5, parseFields('id'))).toBe(5);
  });

  it('rejects malformed modifiers with a 400', () => {
    for (const bad of ['body:excerpt()', 'body:excerpt(0)', 'body:excerpt(5,maybe)', 'body:upper(3)', 'body:excerpt']) {
      expect(() => parseFields(bad)).toThrow(AppError);
    }
  });
});

describe('html excerpt', () => {
  it('drops excluded elements and entities, separates blocks, keeps inline text together', () => {
    const html = '<style>p{}</style><h1>Title</h1><p>a&amp;b <em>c</em>d</p><script>alert(1)</script><div>e</div>';
    expect(htmlExcerpt(html, 100, false)).toBe('Title a&b cd e');
  });

  it('adds an ellipsis only when cut and asked to', () => {
    expect(htmlExcerpt('abcdef', 3, true)).toBe('abc...');
    expect(htmlExcerpt('abcdef', 3, false)).toBe('abc');
    expect(htmlExcerpt('abc', 3, true)).toBe('abc');
  });
});
