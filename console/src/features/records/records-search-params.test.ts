import { describe, expect, it } from 'vitest';
import { nextSort, readRecordsView, sortDirection, writeRecordsView } from './records-search-params.js';

describe('records view in the URL', () => {
  it('reads defaults from an empty query and writes nothing back', () => {
    const view = readRecordsView(new URLSearchParams());
    expect(view).toEqual({ filter: '', sort: '-created', page: 1, perPage: 20, hidden: [], record: '' });
    expect(writeRecordsView(view).toString()).toBe('');
  });
  it('round-trips a filtered, sorted, paged view with an open record', () => {
    const view = { filter: 'title ~ "a&b" && views > 1', sort: 'views', page: 3, perPage: 50, hidden: ['meta', 'updated'], record: 'abc' };
    const params = writeRecordsView(view);
    expect(readRecordsView(new URLSearchParams(params.toString()))).toEqual(view);
  });
  it('ignores nonsense numbers', () => {
    const view = readRecordsView(new URLSearchParams('page=-2&perPage=abc'));
    expect(view.page).toBe(1);
    expect(view.perPage).toBe(20);
    expect(readRecordsView(new URLSearchParams('perPage=100000')).perPage).toBe(500);
  });
  it('cycles a header click through ascending, descending and the default order', () => {
    expect(nextSort('-created', 'title')).toBe('title');
    expect(nextSort('title', 'title')).toBe('-title');
    expect(nextSort('-title', 'title')).toBe('-created');
    expect(nextSort('-created', 'created')).toBe('created');
    expect(sortDirection('-views', 'views')).toBe('desc');
    expect(sortDirection('views', 'title')).toBeUndefined();
  });
});
