/**
 * SQLite `strftime(format, time, modifiers...)` over PocketBase's text datetimes. The text is validated by a
 * regex and assembled with make_timestamp + an interval (so an out-of-range day rolls over as SQLite does
 * instead of raising); anything unparseable yields '' like PocketBase's NULL normalisation.
 */
import type { Operand } from '../../filter/condition.js';
import type { OperandResolver } from './filter-functions.js';
import type { CompileContext } from './filter-joins.js';
import { asText } from './filter-values.js';
import type { TypedValue } from './filter-values.js';
import { type SqlFragment, fragment, joinFragments, quoteIdent, sqlOf } from './sql-text.js';

// Groups: 1 year, 2 month, 3 day, 5 hour, 6 minute, 8 seconds (with fraction). No `?` (knex placeholder).
const DATETIME_RE =
  `'^\\s*([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])` +
  `([ T]([01][0-9]|2[0-3]):([0-5][0-9])(:([0-5][0-9](\\.[0-9]+){0,1})){0,1}){0,1}\\s*(Z|[-+]00:00){0,1}\\s*$'`;

const EMPTY: TypedValue = { sql: fragment("''::text"), type: 'text', nullable: false };

function formatCode(code: string, ts: string): string | undefined {
  switch (code) {
    case 'Y':
      return `to_char(${ts}, 'YYYY')`;
    case 'm':
      return `to_char(${ts}, 'MM')`;
    case 'd':
      return `to_char(${ts}, 'DD')`;
    case 'H':
      return `to_char(${ts}, 'HH24')`;
    case 'M':
      return `to_char(${ts}, 'MI')`;
    case 'S':
      return `to_char(${ts}, 'SS')`;
    case 'f':
      return `to_char(${ts}, 'SS.MS')`;
    case 'j':
      return `to_char(${ts}, 'DDD')`;
    case 'w':
      return `extract(dow from ${ts})::int::text`;
    case 'W':
      // Week of year, weeks starting on Monday, days before the first Monday in week 00 (SQLite's %W).
      return `lpad(((extract(doy from ${ts})::int + 6 - (extract(dow from ${ts})::int + 6) % 7) / 7)::text, 2, '0')`;
    case 's':
      return `floor(extract(epoch from ${ts}))::bigint::text`;
    default:
      return undefined;
  }
}

/** The format as a text expression over `ts`, or undefined for a code SQLite would reject. */
function formatExpression(format: string, ts: string): SqlFragment | undefined {
  const parts: SqlFragment[] = [];
  let text = '';
  const flushText = (): void => {
    if (text !== '') parts.push(fragment('?::text', [text]));
    text = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%') {
      text += ch;
      continue;
    }
    const code = format[++i];
    if (code === '%') {
      text += '%';
      continue;
    }
    const expr = code === undefined ? undefined : formatCode(code, ts);
    if (expr === undefined) return undefined;
    flushText();
    parts.push(fragment(expr));
  }
  flushText();
  return parts.length === 0 ? fragment("''::text") : joinFragments(parts, ' || ');
}

const UNIT_PATTERN = /^([-+]?\d+(\.\d+)?|[-+]?\.\d+)\s*(day|hour|minute|second|month|year)s?$/;

/** One modifier applied to the timestamp expression `ts`, or undefined when unsupported. */
function applyModifier(modifier: string, ts: SqlFragment): SqlFragment | undefined {
  const m = modifier.trim().toLowerCase().replace(/\s+/g, ' ');
  const start = /^start of (month|year|day)$/.exec(m);
  if (start) return sqlOf`date_trunc('${start[1]}', ${ts})`;
  const shift = UNIT_PATTERN.exec(m);
  if (shift) return sqlOf`(${ts} + ${fragment('?::float8', [Number(shift[1])])} * interval '1 ${shift[3]}')`;
  const weekday = /^weekday ([0-6])$/.exec(m);
  if (weekday) {
    const target = weekday[1];
    return sqlOf`(SELECT _w.t + ((${target} - extract(dow from _w.t)::int + 7) % 7) * interval '1 day' FROM (SELECT ${ts} AS t) AS _w)`;
  }
  if (m === 'utc' || m === 'localtime' || m === 'subsec' || m === 'auto') return ts;
  return undefined;
}

function literalText(operand: Operand | undefined): string | undefined {
  return operand?.kind === 'literal' && typeof operand.value === 'string' ? operand.value : undefined;
}

export function strftimeValue(args: Operand[], resolve: OperandResolver, ctx: CompileContext): TypedValue {
  const format = literalText(args[0]);
  if (format === undefined) return EMPTY;
  const parsedAlias = quoteIdent(ctx.aliases.next('p'));
  const shiftedAlias = quoteIdent(ctx.aliases.next('s'));
  const formatted = formatExpression(format, `${shiftedAlias}.ts`);
  if (!formatted) return EMPTY;

  const timeOperand = args[1];
  const isNow = timeOperand === undefined || literalText(timeOperand)?.trim().toLowerCase() === 'now';
  const m = (i: number): string => `${parsedAlias}.m[${i}]`;
  const base: SqlFragment = isNow
    ? fragment(`(now() AT TIME ZONE 'UTC')`)
    : fragment(
        `CASE WHEN ${parsedAlias}.m IS NOT NULL THEN make_timestamp(greatest(${m(1)}::int, 1), ${m(2)}::int, 1, 0, 0, 0)` +
          ` + make_interval(days => ${m(3)}::int - 1, hours => COALESCE(${m(5)}::int, 0),` +
          ` mins => COALESCE(${m(6)}::int, 0), secs => COALESCE(${m(8)}::float8, 0)) END`,
      );
  let shifted: SqlFragment | undefined = base;
  for (const modifierOperand of args.slice(2)) {
    const modifier = literalText(modifierOperand);
    shifted = modifier === undefined ? undefined : applyModifier(modifier, shifted);
    if (!shifted) return EMPTY;
  }
  const source = isNow
    ? fragment('(SELECT 1)')
    : sqlOf`(SELECT regexp_match(${asText(resolve(timeOperand))}, ${DATETIME_RE}) AS m)`;
  const sql = sqlOf`COALESCE((SELECT ${formatted} FROM (SELECT ${shifted} AS ts FROM ${source} AS ${parsedAlias}) AS ${shiftedAlias}), '')`;
  return { sql, type: 'text', nullable: false };
}
