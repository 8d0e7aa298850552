/** The storage-neutral web-search parser, tokeniser and scoring (search-query.ts). */
import { describe, expect, it } from 'vitest';
import { parseWebSearch, searchScore, searchTokens } from './search-query.js';

const word = (token: string, negated = false) => ({ tokens: [token], negated });

describe('searchTokens', () => {
  it('lower-cases, folds diacritics and compatibility forms, splits on non-letters, skips HTML tags', () => {
    expect(searchTokens('Crème BRÛLÉE, naïve ﬁsh_2x — <b>Straße</b> İstanbul')).toEqual(['creme', 'brulee', 'naive', 'fish', '2x', 'straße', 'istanbul']);
    expect(searchTokens('日本語 テキスト and Ελληνικά')).toEqual(['日本語', 'テキスト', 'and', 'ελληνικα']);
    expect(searchTokens('x'.repeat(150))).toEqual(['x'.repeat(100)]);
  });
});

describe('parseWebSearch', () => {
  it('reads words, phrases, OR and exclusions as websearch_to_tsquery does', () => {
    expect(parseWebSearch('quick  Fox')).toEqual([[word('quick')], [word('fox')]]);
    expect(parseWebSearch('"Quick fox" -lazy')).toEqual([[{ tokens: ['quick', 'fox'], negated: false }], [word('lazy', true)]]);
    expect(parseWebSearch('a b or c OR -"d e"')).toEqual([[word('a')], [word('b'), word('c'), { tokens: ['d', 'e'], negated: true }]]);
    // A hyphenated or punctuated word is a phrase of its parts; a dash inside a word never excludes.
    expect(parseWebSearch('e-mail')).toEqual([[{ tokens: ['e', 'mail'], negated: false }]]);
    // An unterminated quote runs to the end.
    expect(parseWebSearch('x "y z')).toEqual([[word('x')], [{ tokens: ['y', 'z'], negated: false }]]);
  });

  it('ignores punctuation, dangling OR and lone dashes', () => {
    expect(parseWebSearch('& | ! - ""')).toEqual([]);
    expect(parseWebSearch('or fox or')).toEqual([[word('fox')]]);
    expect(parseWebSearch('fox OR & bar')).toEqual([[word('fox'), word('bar')]]);
  });
});

describe('searchScore', () => {
  const doc = searchTokens('the quick brown fox jumps over the lazy dog, the fox');
  const score = (text: string) => searchScore(parseWebSearch(text), doc);

  it('decides matches', () => {
    expect(score('fox dog')).toBeDefined();
    expect(score('fox cat')).toBeUndefined();
    expect(score('fox cat OR dog')).toBeDefined();
    expect(score('"quick brown"')).toBeDefined();
    expect(score('"brown quick"')).toBeUndefined();
    expect(score('fox -lazy')).toBeUndefined();
    expect(score('fox -"lazy fox"')).toBeDefined();
    expect(score('-cat')).toBeDefined();
    expect(score('& !')).toBeUndefined();
  });

  it('ranks by distinct words and phrases found, then by frequency', () => {
    expect(score('fox')!).toBeGreaterThan(score('dog')!);
    expect(Math.floor(score('dog')!)).toBe(1);
    expect(score('dog cat OR lazy')!).toBeGreaterThan(score('fox')!);
    expect(Math.floor(score('"quick brown"')!)).toBe(3);
    expect(Math.floor(score('fox -cat')!)).toBe(1);
  });
});
