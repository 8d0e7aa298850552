import { describe, expect, it } from 'vitest';
import { parsePattern, subscribes } from './webhook-match.js';

describe('webhook event patterns', () => {
  it.each([
    [['posts.create'], 'posts', 'record.created', true],
    [['posts.create'], 'posts', 'record.updated', false],
    [['posts.*'], 'posts', 'record.deleted', true],
    [['*.update'], 'comments', 'record.updated', true],
    [['*.update'], 'comments', 'record.created', false],
    [['*.*'], 'anything', 'record.created', true],
    [['*.*'], '_superusers', 'record.created', false],
    [['_superusers.create'], '_superusers', 'record.created', true],
    [['_webhookDeliveries.*'], '_webhookDeliveries', 'record.created', false],
    [['_logs.create', '*.*'], '_logs', 'record.created', false],
    [['comments.*', 'posts.create'], 'posts', 'record.created', true],
    [['posts'], 'posts', 'record.created', false],
    [['posts.read'], 'posts', 'record.created', false],
    [[42, null, 'posts.delete'], 'posts', 'record.deleted', true],
    ['posts.create', 'posts', 'record.created', false],
    [null, 'posts', 'record.created', false],
  ] as const)('%j on %s %s -> %s', (events, collection, type, expected) => {
    expect(subscribes(events, collection, type)).toBe(expected);
  });

  it('parses patterns strictly', () => {
    expect(parsePattern('a.b.create')).toEqual({ collection: 'a.b', action: 'create' });
    expect(parsePattern('.create')).toBeNull();
    expect(parsePattern('posts.')).toBeNull();
    expect(parsePattern({})).toBeNull();
  });
});
