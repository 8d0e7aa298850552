import { describe, expect, it } from 'vitest';
import { kindOf, toDraft, toPatch } from './plugin-settings.js';

const settings = { motd: 'welcome', limit: 3, enabled: true, tags: ['a'], extra: null };

describe('plugin settings form', () => {
  it('picks an input kind from the current value', () => {
    expect(Object.values(settings).map(kindOf)).toEqual(['string', 'number', 'boolean', 'json', 'json']);
  });

  it('sends nothing when nothing changed', () => {
    expect(toPatch(settings, toDraft(settings))).toEqual({ patch: {}, errors: {} });
  });

  it('sends only the changed keys, typed like their current values', () => {
    const draft = { ...toDraft(settings), motd: 'hi', limit: '7', enabled: false, tags: '["a", "b"]' };
    expect(toPatch(settings, draft)).toEqual({ patch: { motd: 'hi', limit: 7, enabled: false, tags: ['a', 'b'] }, errors: {} });
  });

  it('reports numbers and JSON it cannot read, by key', () => {
    const draft = { ...toDraft(settings), limit: 'ten', tags: '[1,', motd: 'ok' };
    expect(toPatch(settings, draft)).toEqual({ patch: { motd: 'ok' }, errors: { limit: 'Must be a number.', tags: 'Must be valid JSON.' } });
    expect(toPatch(settings, { ...toDraft(settings), limit: ' ' }).errors).toEqual({ limit: 'Must be a number.' });
  });
});
