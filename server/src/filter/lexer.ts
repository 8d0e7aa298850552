/**
 * Tokenizer of the filter language (PocketBase/fexpr compatible). Whitespace (space, tab, CR, LF) and
 * `//` line comments are skipped. Only the enclosing quote can be escaped inside text literals: every other
 * backslash stays literal, and a quote preceded by a backslash never closes the text.
 */
import { FilterError } from './errors.js';

export type TokenType = 'identifier' | 'number' | 'text' | 'sign' | 'join' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  type: TokenType;
  /** Source text (text literals: the unescaped value). */
  text: string;
  /** Offset in the source, for error messages. */
  pos: number;
}

const isLetter = (ch: string) => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
const isDigit = (ch: string) => ch >= '0' && ch <= '9';
const isIdentifierStart = (ch: string) => isLetter(ch) || ch === '_' || ch === '@' || ch === '#';
const isIdentifierPart = (ch: string) => isIdentifierStart(ch) || isDigit(ch) || ch === '.' || ch === ':';
const isSignChar = (ch: string) => '=?!<>~'.includes(ch);
const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

/** `@`/`#` only as the first character, and the identifier must end with a word character. */
const identifierPattern = /^[@#_]?[\w.:]*\w$/;
const numberPattern = /^-?(\d+(\.\d+)?|\.\d+)$/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;

  const takeWhile = (start: number, accept: (ch: string) => boolean): number => {
    let end = start;
    while (end < n && accept(source[end])) end++;
    return end;
  };

  while (i < n) {
    const ch = source[i];
    if (isWhitespace(ch)) {
      i++;
    } else if (ch === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, pos: i });
      i++;
    } else if (isIdentifierStart(ch)) {
      const end = takeWhile(i, isIdentifierPart);
      const text = source.slice(i, end);
      if (!identifierPattern.test(text)) throw new FilterError(`Invalid filter identifier "${text}".`);
      tokens.push({ type: 'identifier', text, pos: i });
      i = end;
    } else if (ch === '-' || isDigit(ch)) {
      const end = takeWhile(i + 1, (c) => isDigit(c) || c === '.');
      const text = source.slice(i, end);
      if (!numberPattern.test(text)) throw new FilterError(`Invalid filter number "${text}".`);
      tokens.push({ type: 'number', text, pos: i });
      i = end;
    } else if (ch === '"' || ch === "'") {
      i = scanText(source, i, tokens);
    } else if (isSignChar(ch)) {
      const end = takeWhile(i, isSignChar);
      tokens.push({ type: 'sign', text: source.slice(i, end), pos: i });
      i = end;
    } else if (ch === '&' || ch === '|') {
      const end = takeWhile(i, (c) => c === '&' || c === '|');
      const text = source.slice(i, end);
      if (text !== '&&' && text !== '||') throw new FilterError(`Invalid filter join operator "${text}".`);
      tokens.push({ type: 'join', text, pos: i });
      i = end;
    } else {
      throw new FilterError(`Unexpected character ${JSON.stringify(ch)} in the filter at position ${i}.`);
    }
  }
  tokens.push({ type: 'eof', text: '', pos: n });
  return tokens;
}

/** Scans a quoted text starting at `start`; returns the offset after the closing quote. */
function scanText(source: string, start: number, tokens: Token[]): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length) {
    if (source[i] === quote && source[i - 1] !== '\\') {
      const raw = source.slice(start + 1, i);
      tokens.push({ type: 'text', text: raw.split('\\' + quote).join(quote), pos: start });
      return i + 1;
    }
    i++;
  }
  throw new FilterError('Invalid filter: unterminated quoted text.');
}
