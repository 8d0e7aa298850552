import { describe, expect, it } from 'vitest';
import { readView, writeView } from './search-view.js';

const DEFAULTS = { filter: '', sort: '-created', page: 1, perPage: 20, open: '' };

describe('flat view in the URL', () => {
  it('reads defaults from an empty query and writes nothing back', () => {
    const view = readView(new URLSearchParams(), DEFAULTS);
    expect(view).toEqual(DEFAULTS);
    expect(writeView(view, DEFAULTS).toString()).toBe('');
  });
  it('round-trips non-default values, including characters that need escaping', () => {
    const view = { filter: 'data.status >= 400 && message ~ "a&b"', sort: 'level', page: 3, perPage: 50, open: 'abc' };
    const params = writeView(view, DEFAULTS);
    expect(readView(new URLSearchParams(params.toString()), DEFAULTS)).toEqual(view);
  });
  it('ignores nonsense numbers and unknown keys', () => {
    const view = readView(new URLSearchParams('page=-2&perPage=1.5&other=x'), DEFAULTS);
    expect(view.page).toBe(1);
    expect(view.perPage).toBe(20);
    expect(view).not.toHaveProperty('other');
  });
});
