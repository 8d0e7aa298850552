import { describe, expect, it } from 'vitest';
import { parseTopic } from './realtime-topic.js';

describe('parseTopic', () => {
  it('reads collection, record and options', () => {
    const options = encodeURIComponent(JSON.stringify({ query: { filter: 'a = 1', n: 2 }, headers: { 'X-Token': 'abc' } }));
    expect(parseTopic(`posts/abc?options=${options}`)).toEqual({
      raw: `posts/abc?options=${options}`,
      collection: 'posts',
      recordId: 'abc',
      query: { filter: 'a = 1', n: '2' },
      headers: { x_token: 'abc' },
    });
    expect(parseTopic('posts/*')).toMatchObject({ collection: 'posts', recordId: undefined });
    expect(parseTopic('posts')).toMatchObject({ collection: 'posts', recordId: undefined });
  });

  it('ignores broken options and topics that never match records', () => {
    expect(parseTopic('posts/*?options=%7Bbroken')).toMatchObject({ collection: 'posts', query: {}, headers: {} });
    expect(parseTopic('@oauth2')).toBeNull();
    expect(parseTopic('/x')).toBeNull();
  });
});
