/**
 * Parses the SQLite-style index definitions kept in a collection's `indexes` (PocketBase's wire format):
 *   CREATE [UNIQUE] INDEX [IF NOT EXISTS] `name` ON `table` (`col` [COLLATE NOCASE] [ASC|DESC], ...) [WHERE expr]
 * Identifiers may be backticked, double-quoted, bracketed or bare. Columns must be plain field names; the WHERE
 * clause supports `col op literal` (= == != <> < > <= >=), IS [NOT] NULL, AND/OR and parentheses.
 */
import type { CompareOp, Condition, LeafField, Scalar } from '../../filter/condition.js';
import type { IndexColumn, IndexSpec } from '../../storage/port.js';

export type IndexPredicate =
  | { kind: 'and' | 'or'; items: IndexPredicate[] }
  | { kind: 'compare'; column: string; op: CompareOp; value: Scalar };

export interface ParsedIndex {
  name: string;
  table: string;
  unique: boolean;
  columns: IndexColumn[];
  where?: IndexPredicate;
  /** Character range of the table identifier in the source text (for renames). */
  tableSpan: [number, number];
}

type TokenKind = 'ident' | 'word' | 'string' | 'number' | 'op' | 'punct';
interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

function tokenize(sql: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  const closers: Record<string, string> = { '`': '`', '"': '"', '[': ']' };
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c in closers) {
      const close = closers[c];
      let text = '';
      i++;
      for (;;) {
        if (i >= sql.length) return null;
        if (sql[i] === close) {
          if (close !== ']' && sql[i + 1] === close) {
            text += close;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += sql[i++];
      }
      tokens.push({ kind: 'ident', text, start, end: i });
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= sql.length) return null;
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += sql[i++];
      }
      tokens.push({ kind: 'string', text, start, end: i });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(sql.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'number', text: m[0], start, end: i });
    } else if (/\w/.test(c)) {
      const m = /^\w+/.exec(sql.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'word', text: m[0], start, end: i });
    } else if (/[=!<>]/.test(c)) {
      const m = /^(==|!=|<>|<=|>=|=|<|>)/.exec(sql.slice(i));
      if (!m) return null;
      i += m[0].length;
      tokens.push({ kind: 'op', text: m[0], start, end: i });
    } else if ('(),.;'.includes(c)) {
      i++;
      tokens.push({ kind: 'punct', text: c, start, end: i });
    } else return null;
  }
  return tokens;
}

const opMap: Record<string, CompareOp> = { '=': 'eq', '==': 'eq', '!=': 'neq', '<>': 'neq', '<': 'lt', '>': 'gt', '<=': 'lte', '>=': 'gte' };
const flipped: Record<CompareOp, CompareOp> = { eq: 'eq', neq: 'neq', lt: 'gt', gt: 'lt', lte: 'gte', gte: 'lte', like: 'like', nlike: 'nlike' };

class Cursor {
  pos = 0;
  constructor(readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return !!t && t.kind === 'word' && t.text.toUpperCase() === word;
  }
  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.pos++;
    return true;
  }
  acceptPunct(p: string): boolean {
    const t = this.peek();
    if (!t || t.kind !== 'punct' || t.text !== p) return false;
    this.pos++;
    return true;
  }
  identifier(): Token | null {
    const t = this.peek();
    if (!t || (t.kind !== 'ident' && t.kind !== 'word')) return null;
    this.pos++;
    return t;
  }
}

function literal(t: Token | undefined): { value: Scalar } | null {
  if (!t) return null;
  if (t.kind === 'string') return { value: t.text };
  if (t.kind === 'number') return { value: Number(t.text) };
  if (t.kind === 'word') {
    const upper = t.text.toUpperCase();
    if (upper === 'NULL') return { value: null };
    if (upper === 'TRUE') return { value: true };
    if (upper === 'FALSE') return { value: false };
  }
  return null;
}

function parsePrimary(c: Cursor): IndexPredicate | null {
  if (c.acceptPunct('(')) {
    const inner = parseOr(c);
    return inner && c.acceptPunct(')') ? inner : null;
  }
  const first = c.peek();
  const lit = literal(first);
  const firstIsColumn = !lit && (first?.kind === 'ident' || first?.kind === 'word');
  if (!firstIsColumn && !lit) return null;
  c.pos++;
  if (firstIsColumn && c.isWord('IS')) {
    c.pos++;
    const negated = c.acceptWord('NOT');
    if (!c.acceptWord('NULL')) return null;
    return { kind: 'compare', column: first!.text, op: negated ? 'neq' : 'eq', value: null };
  }
  const opToken = c.peek();
  if (!opToken || opToken.kind !== 'op') return null;
  c.pos++;
  const op = opMap[opToken.text];
  const second = c.peek();
  c.pos++;
  if (firstIsColumn) {
    const right = literal(second);
    return right ? { kind: 'compare', column: first!.text, op, value: right.value } : null;
  }
  if (!second || (second.kind !== 'ident' && second.kind !== 'word') || literal(second)) return null;
  return { kind: 'compare', column: second.text, op: flipped[op], value: lit!.value };
}

function parseAnd(c: Cursor): IndexPredicate | null {
  const items = [parsePrimary(c)];
  while (items[items.length - 1] && c.acceptWord('AND')) items.push(parsePrimary(c));
  if (items.some((i) => !i)) return null;
  return items.length === 1 ? items[0] : { kind: 'and', items: items as IndexPredicate[] };
}

function parseOr(c: Cursor): IndexPredicate | null {
  const items = [parseAnd(c)];
  while (items[items.length - 1] && c.acceptWord('OR')) items.push(parseAnd(c));
  if (items.some((i) => !i)) return null;
  return items.length === 1 ? items[0] : { kind: 'or', items: items as IndexPredicate[] };
}

/** Parses one index definition; null when it is not a valid (supported) CREATE INDEX statement. */
export function parseIndex(sql: string): ParsedIndex | null {
  const tokens = tokenize(sql);
  if (!tokens) return null;
  const c = new Cursor(tokens);
  if (!c.acceptWord('CREATE')) return null;
  const unique = c.acceptWord('UNIQUE');
  if (!c.acceptWord('INDEX')) return null;
  if (c.isWord('IF')) {
    c.pos++;
    if (!c.acceptWord('NOT') || !c.acceptWord('EXISTS')) return null;
  }
  let nameToken = c.identifier();
  if (nameToken && c.acceptPunct('.')) nameToken = c.identifier(); // schema-qualified name
  if (!nameToken || !nameToken.text || !c.acceptWord('ON')) return null;
  const tableToken = c.identifier();
  // An empty table identifier is tolerated: scaffolds carry one, and the table is always rewritten on save.
  if (!tableToken || !c.acceptPunct('(')) return null;

  const columns: IndexColumn[] = [];
  do {
    const col = c.identifier();
    if (!col || !col.text) return null;
    let nocase = false;
    if (c.acceptWord('COLLATE')) {
      const collation = c.identifier();
      if (!collation) return null;
      nocase = collation.text.toUpperCase() === 'NOCASE';
    }
    const desc = c.isWord('DESC');
    if (desc || c.isWord('ASC')) c.pos++;
    columns.push({ name: col.text, nocase, desc });
  } while (c.acceptPunct(','));
  if (!c.acceptPunct(')')) return null;

  let where: IndexPredicate | undefined;
  if (c.acceptWord('WHERE')) {
    const parsed = parseOr(c);
    if (!parsed) return null;
    where = parsed;
  }
  c.acceptPunct(';');
  if (c.pos !== tokens.length) return null;
  return { name: nameToken.text, table: tableToken.text, unique, columns, where, tableSpan: [tableToken.start, tableToken.end] };
}

/** Column names referenced by the index (key columns and WHERE). */
export function indexColumnNames(index: ParsedIndex): string[] {
  const names = index.columns.map((col) => col.name);
  const walk = (p: IndexPredicate | undefined) => {
    if (!p) return;
    if (p.kind === 'compare') names.push(p.column);
    else p.items.forEach(walk);
  };
  walk(index.where);
  return [...new Set(names)];
}

/** Converts a parsed index into the storage port's IndexSpec; `field` resolves a column to its leaf field. */
export function toIndexSpec(index: ParsedIndex, field: (name: string) => LeafField | undefined): IndexSpec {
  // SQLite column names are case-insensitive; the physical columns carry the field's exact name.
  const columns = index.columns.map((col) => ({ ...col, name: field(col.name)?.name ?? col.name }));
  const spec: IndexSpec = { name: index.name, unique: index.unique, columns };
  if (index.where) spec.where = toCondition(index.where, field);
  return spec;
}

function toCondition(p: IndexPredicate, field: (name: string) => LeafField | undefined): Condition {
  if (p.kind !== 'compare') return { kind: p.kind, items: p.items.map((i) => toCondition(i, field)) };
  const leaf = field(p.column) ?? { name: p.column, type: 'text', storage: 'text', multiple: false };
  return {
    kind: 'compare',
    op: p.op,
    quantifier: 'all',
    left: { kind: 'path', root: { kind: 'base' }, hops: [], field: leaf, multi: false, joinKey: 'base' },
    right: { kind: 'literal', value: p.value },
  };
}

/** Rewrites the table name inside an index definition (collection rename); other text is kept verbatim. */
export function renameIndexTable(sql: string, newTable: string): string {
  const parsed = parseIndex(sql);
  if (!parsed) return sql;
  const [start, end] = parsed.tableSpan;
  return sql.slice(0, start) + '`' + newTable + '`' + sql.slice(end);
}

/** The first UNIQUE index whose only key column is `column` (case-insensitive), if any. */
export function findSingleColumnUniqueIndex(indexes: string[], column: string): ParsedIndex | undefined {
  for (const raw of indexes) {
    const parsed = parseIndex(raw);
    if (parsed?.unique && parsed.columns.length === 1 && parsed.columns[0].name.toLowerCase() === column.toLowerCase()) return parsed;
  }
  return undefined;
}
