import { describe, expect, it } from 'vitest';
import type { FilterExpr, FilterOperand } from './ast.js';
import { FilterError } from './errors.js';
import { parseFilter } from './parser.js';

const id = (name: string): FilterOperand => ({ kind: 'identifier', name });
const text = (value: string): FilterOperand => ({ kind: 'text', value });
const num = (raw: string): FilterOperand => ({ kind: 'number', value: Number(raw), raw });
const cmp = (left: FilterOperand, op: string, right: FilterOperand) => ({ kind: 'compare', op, left, right }) as FilterExpr;

describe('parseFilter: valid expressions', () => {
  const cases: [string, string, FilterExpr][] = [
    ['simple equality', 'a = 1', cmp(id('a'), '=', num('1'))],
    ['no spaces', 'a>=-1.5', cmp(id('a'), '>=', num('-1.5'))],
    ['double quotes', 'title = "hi there"', cmp(id('title'), '=', text('hi there'))],
    ['single quotes', "title != 'x'", cmp(id('title'), '!=', text('x'))],
    ['escaped double quote', 'a = "say \\"hi\\""', cmp(id('a'), '=', text('say "hi"'))],
    ['escaped single quote', "a = 'it\\'s'", cmp(id('a'), '=', text("it's"))],
    ['other escapes stay literal', "a = 'a\\nb\\\"c'", cmp(id('a'), '=', text('a\\nb\\"c'))],
    ['other quote inside text', `a = "it's"`, cmp(id('a'), '=', text("it's"))],
    ['empty text', 'a = ""', cmp(id('a'), '=', text(''))],
    ['identifier with @ and modifier', '@request.body.tags:each ?= "x"', cmp(id('@request.body.tags:each'), '?=', text('x'))],
    ['identifier with #', '#placeholder = 1', cmp(id('#placeholder'), '=', num('1'))],
    ['collection alias', '@collection.users:u.email ?~ "a"', cmp(id('@collection.users:u.email'), '?~', text('a'))],
    ['all any-operators', 'a ?!~ b', cmp(id('a'), '?!~', id('b'))],
    ['text on the left', '"x" = a', cmp(text('x'), '=', id('a'))],
    ['comment ignored', 'a = 1 // trailing comment\n', cmp(id('a'), '=', num('1'))],
    ['whitespace kinds', '\ta\n=\r\n1 ', cmp(id('a'), '=', num('1'))],
    ['parenthesised comparison', '((a = 1))', cmp(id('a'), '=', num('1'))],
    ['leading-dot number', 'a > -.5', cmp(id('a'), '>', num('-.5'))],
    [
      'and binds tighter than or',
      'a = 1 || b = 2 && c = 3',
      { kind: 'or', items: [cmp(id('a'), '=', num('1')), { kind: 'and', items: [cmp(id('b'), '=', num('2')), cmp(id('c'), '=', num('3'))] }] },
    ],
    [
      'parentheses override precedence',
      '(a = 1 || b = 2) && c = 3',
      { kind: 'and', items: [{ kind: 'or', items: [cmp(id('a'), '=', num('1')), cmp(id('b'), '=', num('2'))] }, cmp(id('c'), '=', num('3'))] },
    ],
    [
      'comment between groups',
      'a = 1 // first\n&& b = 2',
      { kind: 'and', items: [cmp(id('a'), '=', num('1')), cmp(id('b'), '=', num('2'))] },
    ],
    [
      'function call with trailing comma',
      'geoDistance(loc.lon, loc.lat, 23.3, 42.6,) < 25',
      cmp({ kind: 'call', name: 'geoDistance', args: [id('loc.lon'), id('loc.lat'), num('23.3'), num('42.6')] }, '<', num('25')),
    ],
    [
      'nested function calls',
      "f(g(h('x'))) = 1",
      cmp({ kind: 'call', name: 'f', args: [{ kind: 'call', name: 'g', args: [{ kind: 'call', name: 'h', args: [text('x')] }] }] }, '=', num('1')),
    ],
    ['function without args', 'f() = 1', cmp({ kind: 'call', name: 'f', args: [] }, '=', num('1'))],
  ];

  it.each(cases)('%s', (_name, source, expected) => {
    expect(parseFilter(source)).toEqual(expected);
  });
});

describe('parseFilter: invalid expressions', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['only whitespace and comments', '  // nothing\n '],
    ['missing operator', 'a 1'],
    ['missing right operand', 'a ='],
    ['unknown operator', 'a == 1'],
    ['unknown sign combo', 'a =! 1'],
    ['single ampersand', 'a = 1 & b = 2'],
    ['triple pipe', 'a = 1 ||| b = 2'],
    ['dangling join', 'a = 1 &&'],
    ['leading join', '&& a = 1'],
    ['empty parentheses', '()'],
    ['unclosed parenthesis', '(a = 1'],
    ['extra closing parenthesis', 'a = 1)'],
    ['unterminated text', 'a = "abc'],
    ['escaped closing quote', 'a = "abc\\"'],
    ['identifier ending with dot', 'a. = 1'],
    ['identifier ending with colon', 'a: = 1'],
    ['lone @', '@ = 1'],
    ['@ inside identifier', 'a@b = 1'],
    ['number with trailing dot', 'a = 1.'],
    ['number with two dots', 'a = 1.2.3'],
    ['lone minus', 'a = -'],
    ['unexpected character', 'a = $x'],
    ['two comparisons without join', 'a = 1 b = 2'],
    ['operand only', 'a'],
    ['calls nested four deep', 'f(g(h(i(1)))) = 1'],
    ['unclosed call', 'f(1 = 2'],
    ['group as operand', 'a = (1)'],
  ];

  it.each(cases)('%s', (_name, source) => {
    expect(() => parseFilter(source)).toThrow(FilterError);
    try {
      parseFilter(source);
    } catch (err) {
      expect((err as FilterError).status).toBe(400);
    }
  });
});

describe('parseFilter: limits and caching', () => {
  it('accepts 3500 characters and refuses 3501', () => {
    const base = 'a = "';
    const ok = base + 'x'.repeat(3500 - base.length - 1) + '"';
    expect(ok.length).toBe(3500);
    expect(() => parseFilter(ok)).not.toThrow();
    expect(() => parseFilter(ok.replace('a =', 'ab ='))).toThrow(/too long/);
  });

  it('accepts 200 comparisons and refuses 201', () => {
    const filter = (n: number) => Array.from({ length: n }, () => 'a=1').join('&&');
    expect(() => parseFilter(filter(200))).not.toThrow();
    expect(() => parseFilter(filter(201))).toThrow(/too many/);
  });

  it('returns the cached, frozen tree for repeated text', () => {
    const first = parseFilter('cached = 1 && other = 2');
    expect(parseFilter('cached = 1 && other = 2')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.kind === 'and' && Object.isFrozen(first.items[0])).toBe(true);
  });
});
