import { describe, expect, it } from 'vitest';
import { parseExpand, splitBackRelation } from './expand-paths.js';

const shape = (tree: ReturnType<typeof parseExpand>): unknown =>
  Object.fromEntries([...tree].map(([k, v]) => [k, shape(v)]));

describe('parseExpand', () => {
  it('builds a tree of hops from a comma list of dotted paths, ignoring whitespace and empties', () => {
    expect(shape(parseExpand(' author , post.author,post.tags,, comments_via_post.user '))).toEqual({
      author: {},
      post: { author: {}, tags: {} },
      comments_via_post: { user: {} },
    });
  });

  it('cuts paths at 6 levels and rewrites the legacy back-relation form', () => {
    expect(shape(parseExpand('a.b.c.d.e.f.g.h'))).toEqual({ a: { b: { c: { d: { e: { f: {} } } } } } });
    expect(shape(parseExpand('comments(post)'))).toEqual({ comments_via_post: {} });
  });

  it('is empty for a missing or blank parameter', () => {
    expect(parseExpand(undefined).size).toBe(0);
    expect(parseExpand('  ,').size).toBe(0);
  });
});

describe('splitBackRelation', () => {
  it('splits <collection>_via_<field>', () => {
    expect(splitBackRelation('blog_posts_via_author')).toEqual({ collection: 'blog_posts', field: 'author' });
    expect(splitBackRelation('author')).toBeUndefined();
    expect(splitBackRelation('_via_x')).toBeUndefined();
    expect(splitBackRelation('posts_via_')).toBeUndefined();
  });
});
