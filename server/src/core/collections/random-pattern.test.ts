import { describe, expect, it } from 'vitest';
import { PatternError, randomStringFromPattern } from './random-pattern.js';

describe('randomStringFromPattern', () => {
  it.each([
    ['[a-z0-9]{15}', /^[a-z0-9]{15}$/],
    ['[a-zA-Z0-9]{50}', /^[a-zA-Z0-9]{50}$/],
    ['^post_\\d{4}$', /^post_\d{4}$/],
    ['[A-F]{2,4}x?', /^[A-F]{2,4}x?$/],
    ['[^a-z]{10}', /^[^a-z]{10}$/],
    ['\\w+', /^\w+$/],
    ['[-_]{3}', /^[-_]{3}$/],
  ])('%s', (pattern, expected) => {
    for (let i = 0; i < 20; i++) expect(randomStringFromPattern(pattern)).toMatch(expected);
  });

  it('varies', () => {
    expect(randomStringFromPattern('[a-z0-9]{15}')).not.toBe(randomStringFromPattern('[a-z0-9]{15}'));
  });

  it.each(['(a|b)', '[a-z', '{3}', '[z-a]', 'a{5,2}'])('rejects %s', (pattern) => {
    expect(() => randomStringFromPattern(pattern)).toThrow(PatternError);
  });
});
