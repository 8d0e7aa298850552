/**
 * Typed SQL values for the filter compiler. PocketBase runs on SQLite's dynamic typing; PostgreSQL is strict,
 * so every operand carries its SQL type and is converted to a common comparison domain with casts that can
 * never raise (a type mismatch in a user filter must give false, not a 500).
 */
import type { Scalar } from '../../filter/condition.js';
import { type SqlFragment, fragment, sqlOf } from './sql-text.js';

export type ValueType = 'text' | 'number' | 'bool' | 'jsonb' | 'null';

export interface TypedValue {
  sql: SqlFragment;
  type: ValueType;
  /** False only when the value can never be SQL NULL (lets `=` skip COALESCE and stay index-friendly). */
  nullable: boolean;
  /** Present for literals: SQLite applies affinity conversions to them, so the comparison may re-bind them. */
  literal?: { value: Scalar };
}

/** Numbers as SQLite would recognise them in text; no `?` so it can sit in knex.raw text. */
const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const NUMERIC_TEXT_SQL = `'^\\s*[-+]{0,1}([0-9]+\\.{0,1}[0-9]*|\\.[0-9]+)([eE][-+]{0,1}[0-9]{1,2}){0,1}\\s*$'`;

export function literalValue(value: Scalar): TypedValue {
  if (value === null) return { sql: fragment('NULL'), type: 'null', nullable: true, literal: { value } };
  if (typeof value === 'string') return { sql: fragment('?::text', [value]), type: 'text', nullable: false, literal: { value } };
  if (typeof value === 'number') return { sql: fragment('?::float8', [value]), type: 'number', nullable: false, literal: { value } };
  return { sql: fragment('?::boolean', [value]), type: 'bool', nullable: false, literal: { value } };
}

export function isNumericText(text: string): boolean {
  return NUMERIC_TEXT.test(text) && Number.isFinite(Number(text));
}

/** SQLite renders numbers in text context without a trailing `.0` for integers. */
function numberAsText(n: number): string {
  return String(n);
}

export function asText(v: TypedValue): SqlFragment {
  const lit = v.literal;
  if (lit) {
    if (lit.value === null) return fragment('NULL::text');
    if (typeof lit.value === 'string') return v.sql;
    if (typeof lit.value === 'number') return fragment('?::text', [numberAsText(lit.value)]);
    return fragment('?::text', [lit.value ? '1' : '0']);
  }
  switch (v.type) {
    case 'text':
      return v.sql;
    case 'number':
      return sqlOf`(${v.sql})::text`;
    case 'bool':
      return sqlOf`(${v.sql})::int::text`;
    case 'jsonb':
      return sqlOf`(${v.sql} #>> '{}')`;
    case 'null':
      return fragment('NULL::text');
  }
}

/** Text to double precision, NULL when the text is not a number (instead of a cast error). */
export function safeNumberFromText(sql: SqlFragment): SqlFragment {
  return sqlOf`(SELECT CASE WHEN length(_n.v) < 300 AND _n.v ~ ${NUMERIC_TEXT_SQL} THEN _n.v::float8 END FROM (SELECT (${sql}) AS v) AS _n)`;
}

/** A jsonb scalar as a number: json numbers, and booleans as 1/0 (SQLite's json_extract does the same). */
function jsonAsNumber(sql: SqlFragment): SqlFragment {
  return sqlOf`(SELECT CASE jsonb_typeof(_j.v) WHEN 'number' THEN (_j.v #>> '{}')::float8 WHEN 'boolean' THEN (_j.v = 'true'::jsonb)::int END FROM (SELECT (${sql}) AS v) AS _j)`;
}

export function asNumber(v: TypedValue): SqlFragment {
  const lit = v.literal;
  if (lit) {
    if (lit.value === null) return fragment('NULL::float8');
    if (typeof lit.value === 'boolean') return fragment('?::float8', [lit.value ? 1 : 0]);
    if (typeof lit.value === 'string') {
      return isNumericText(lit.value) ? fragment('?::float8', [Number(lit.value)]) : fragment('NULL::float8');
    }
    return v.sql;
  }
  switch (v.type) {
    case 'number':
      return v.sql;
    case 'bool':
      return sqlOf`(${v.sql})::int`;
    case 'text':
      return safeNumberFromText(v.sql);
    case 'jsonb':
      return jsonAsNumber(v.sql);
    case 'null':
      return fragment('NULL::float8');
  }
}

/** JSON-looking text literals compare as the JSON they spell (the SDK sends objects that way). */
function parsedJsonText(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

/** A value as jsonb, with JSON null folded into SQL NULL (json_extract returns NULL for both). */
export function asJsonb(v: TypedValue): SqlFragment {
  const lit = v.literal;
  if (lit) {
    if (lit.value === null) return fragment('NULL::jsonb');
    if (typeof lit.value === 'string') {
      const json = parsedJsonText(lit.value);
      return json === undefined ? fragment('to_jsonb(?::text)', [lit.value]) : fragment('?::jsonb', [json]);
    }
    if (typeof lit.value === 'number') return fragment('to_jsonb(?::float8)', [lit.value]);
    return fragment('to_jsonb(?::boolean)', [lit.value]);
  }
  switch (v.type) {
    case 'jsonb':
      return sqlOf`NULLIF(${v.sql}, 'null'::jsonb)`;
    case 'text':
      return sqlOf`to_jsonb((${v.sql})::text)`;
    case 'number':
      return sqlOf`to_jsonb((${v.sql})::float8)`;
    case 'bool':
      return sqlOf`to_jsonb((${v.sql})::boolean)`;
    case 'null':
      return fragment('NULL::jsonb');
  }
}

/** A list column as a jsonb array (list columns always are, but a bad value must not raise). */
export function safeJsonArray(column: string): string {
  return `(CASE WHEN jsonb_typeof(${column}) = 'array' THEN ${column} ELSE '[]'::jsonb END)`;
}

/** PostgreSQL array literal for a `?::text[]` binding (knex would expand a JS array into several placeholders). */
export function textArrayLiteral(items: string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
