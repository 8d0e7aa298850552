/**
 * Recursive-descent parser: filter text → immutable `FilterExpr`. `&&` binds tighter than `||`; parentheses
 * group. Parsed trees are cached (rules and common filters repeat on every request) and deep-frozen, since
 * the same object is handed to every caller.
 */
import type { FilterComparison, FilterExpr, FilterOperand, FilterOperator } from './ast.js';
import { filterOperators } from './ast.js';
import { FilterError } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { LruCache } from './lru-cache.js';

export const maxFilterLength = 3500;
export const maxFilterComparisons = 200;
/** Function calls may nest this deep (`f(g(h(x)))`). */
const maxCallDepth = 3;

const cache = new LruCache<string, FilterExpr>(1000);

export function parseFilter(text: string): FilterExpr {
  const cached = cache.get(text);
  if (cached) return cached;
  const expr = deepFreeze(parseUncached(text));
  cache.set(text, expr);
  return expr;
}

function parseUncached(text: string): FilterExpr {
  if (text.length > maxFilterLength) {
    throw new FilterError(`The filter expression is too long (max ${maxFilterLength} characters).`);
  }
  const parser = new Parser(tokenize(text));
  if (parser.peek().type === 'eof') throw new FilterError('The filter expression is empty.');
  const expr = parser.parseExpr();
  parser.expect('eof', 'the end of the filter');
  return expr;
}

class Parser {
  private index = 0;
  private comparisons = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'eof') this.index++;
    return token;
  }

  expect(type: Token['type'], what: string): Token {
    const token = this.peek();
    if (token.type !== type) throw unexpected(token, what);
    return this.next();
  }

  /** expr := andGroup ('||' andGroup)* */
  parseExpr(): FilterExpr {
    const items = [this.parseAnd()];
    while (this.peek().type === 'join' && this.peek().text === '||') {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  /** andGroup := group ('&&' group)* */
  private parseAnd(): FilterExpr {
    const items = [this.parseGroup()];
    while (this.peek().type === 'join' && this.peek().text === '&&') {
      this.next();
      items.push(this.parseGroup());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  /** group := '(' expr ')' | operand sign operand */
  private parseGroup(): FilterExpr {
    if (this.peek().type === 'lparen') {
      this.next();
      if (this.peek().type === 'rparen') throw new FilterError('Invalid filter: empty parentheses.');
      const inner = this.parseExpr();
      this.expect('rparen', 'a closing parenthesis');
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterComparison {
    const left = this.parseOperand(0, 'a left operand (identifier, text or number)');
    const sign = this.expect('sign', 'a comparison operator');
    if (!filterOperators.includes(sign.text as FilterOperator)) {
      throw new FilterError(`Invalid filter operator "${sign.text}".`);
    }
    const right = this.parseOperand(0, 'a right operand (identifier, text or number)');
    if (++this.comparisons > maxFilterComparisons) {
      throw new FilterError(`The filter has too many expressions (max ${maxFilterComparisons}).`);
    }
    return { kind: 'compare', op: sign.text as FilterOperator, left, right };
  }

  private parseOperand(depth: number, what: string): FilterOperand {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: Number(token.text), raw: token.text };
      case 'text':
        return { kind: 'text', value: token.text };
      case 'identifier':
        if (this.peek().type === 'lparen') return this.parseCall(token.text, depth + 1);
        return { kind: 'identifier', name: token.text };
      default:
        throw unexpected(token, what);
    }
  }

  /** function := name '(' [arg (',' arg)* [',']] ')' */
  private parseCall(name: string, depth: number): FilterOperand {
    if (depth > maxCallDepth) throw new FilterError(`Function calls can be nested at most ${maxCallDepth} levels deep.`);
    this.expect('lparen', '(');
    const args: FilterOperand[] = [];
    while (this.peek().type !== 'rparen') {
      args.push(this.parseOperand(depth, `an argument of ${name}()`));
      if (this.peek().type !== 'comma') break;
      this.next();
    }
    this.expect('rparen', `")" closing ${name}(`);
    return { kind: 'call', name, args };
  }
}

function unexpected(token: Token, what: string): FilterError {
  const got = token.type === 'eof' ? 'the end of the filter' : `"${token.text}"`;
  return new FilterError(`Invalid filter: expected ${what}, got ${got} at position ${token.pos}.`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
