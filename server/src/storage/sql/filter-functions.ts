/** Filter functions other than strftime: geoDistance. */
import type { Operand } from '../../filter/condition.js';
import type { CompileContext } from './filter-joins.js';
import { type TypedValue, asNumber } from './filter-values.js';
import { type SqlFragment, fragment, quoteIdent, sqlOf } from './sql-text.js';

export type OperandResolver = (operand: Operand) => TypedValue;

const EARTH_RADIUS_KM = 6371;

/**
 * Great-circle distance in km by the spherical law of cosines. The arguments are evaluated once in a derived
 * row, and the cosine is clamped so rounding can't push acos out of its domain.
 */
export function geoDistanceValue(args: Operand[], resolve: OperandResolver, ctx: CompileContext): TypedValue {
  if (args.length !== 4) return { sql: fragment('NULL::float8'), type: 'number', nullable: true };
  const [lonA, latA, lonB, latB] = args.map((a) => asNumber(resolve(a)));
  const g = quoteIdent(ctx.aliases.next('g'));
  const col = (name: string): string => `${g}.${name}`;
  const cosine =
    `cos(radians(${col('lat1')})) * cos(radians(${col('lat2')})) * cos(radians(${col('lon2')}) - radians(${col('lon1')}))` +
    ` + sin(radians(${col('lat1')})) * sin(radians(${col('lat2')}))`;
  const inputs: SqlFragment = sqlOf`SELECT ${lonA} AS lon1, ${latA} AS lat1, ${lonB} AS lon2, ${latB} AS lat2`;
  return {
    sql: sqlOf`(SELECT ${String(EARTH_RADIUS_KM)} * acos(least(1, greatest(-1, ${cosine}))) FROM (${inputs}) AS ${g})`,
    type: 'number',
    nullable: true,
  };
}
