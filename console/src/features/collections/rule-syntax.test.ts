import { describe, expect, it } from 'vitest';
import { applySuggestion, checkRuleSyntax, ruleSuggestions, tokenAt } from './rule-syntax.js';

const posts = { fields: [{ name: 'title', type: 'text' }, { name: 'views', type: 'number' }, { name: 'author', type: 'relation' }] };

describe('rule syntax check', () => {
  it('accepts well-formed expressions (the server checks the rest)', () => {
    expect(checkRuleSyntax('')).toBeUndefined();
    expect(checkRuleSyntax('@request.auth.id != "" && (views > 1 || title ~ "a)b")')).toBeUndefined();
    expect(checkRuleSyntax("title = 'it\\'s'")).toBeUndefined();
  });
  it('reports unbalanced parentheses, open quotes and dangling operators', () => {
    expect(checkRuleSyntax('(views > 1')).toBe('Missing ")".');
    expect(checkRuleSyntax('views > 1)')).toMatch(/Unexpected "\)"/);
    expect(checkRuleSyntax('title = "abc')).toMatch(/Unterminated double-quoted/);
    expect(checkRuleSyntax('views >')).toMatch(/ends with an operator/);
    expect(checkRuleSyntax('&& views > 1')).toMatch(/starts with an operator/);
  });
});

describe('rule completion', () => {
  it('completes field names and @request paths at the cursor', () => {
    expect(ruleSuggestions('vi', 2, posts)).toEqual(['views']);
    expect(ruleSuggestions('views > 1 && a', 14, posts)).toEqual(['author']);
    expect(ruleSuggestions('@request.a', 10, posts)).toEqual(['@request.auth.id', '@request.auth.collectionName', '@request.auth.email', '@request.auth.verified']);
    expect(ruleSuggestions('views ', 6, posts)).toEqual([]);
    expect(ruleSuggestions('views', 5, posts)).toEqual([]);
  });
  it('replaces only the token under the cursor', () => {
    expect(tokenAt('a && ti', 7)).toEqual({ start: 5, token: 'ti' });
    expect(applySuggestion('a && ti = 1', 7, 'title')).toEqual({ text: 'a && title = 1', cursor: 10 });
  });
});
