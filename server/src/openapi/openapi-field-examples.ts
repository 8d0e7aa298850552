/**
 * An example value per field, taken from the field's own options (the first select value, a number inside its
 * bounds, a text as long as its min/max allow), so that the API reference and generated clients show payloads
 * the server would accept. A text with a custom pattern gets none: no value can be promised to match it.
 */
import { boolOption, intOption, numberOrNull, stringListOption, stringOption } from '../core/collections/field-types/field-common.js';
import { isMultiSelect } from '../core/collections/field-types/multi-value.js';
import type { Field } from '../core/collections/model.js';

const RECORD_ID = 'a1b2c3d4e5f6g7h';
const DATETIME = '2026-01-31 09:30:00.000Z';

const oneOrList = (field: Field, value: unknown) => (isMultiSelect(field) ? [value] : value);

/** `base` stretched or cut to the field's min/max length (0 = no bound). */
function sized(base: string, min: number, max: number): string {
  let value = base;
  while (min > 0 && value.length < min) value += ` ${base}`;
  return max > 0 ? value.slice(0, max) : value;
}

function textExample(field: Field): unknown {
  if (stringOption(field, 'pattern')) return undefined;
  if (boolOption(field, 'primaryKey') || stringOption(field, 'autogeneratePattern')) return RECORD_ID;
  return sized(`Example ${field.name}`, intOption(field, 'min'), intOption(field, 'max'));
}

function numberExample(field: Field): number {
  const min = numberOrNull(field, 'min');
  const max = numberOrNull(field, 'max');
  const wanted = boolOption(field, 'onlyInt') ? 42 : 42.5;
  if (min !== null && wanted < min) return min;
  if (max !== null && wanted > max) return max;
  return wanted;
}

const examples: Record<string, (field: Field) => unknown> = {
  text: textExample,
  editor: () => '<p>Hello <strong>world</strong></p>',
  number: numberExample,
  bool: () => true,
  email: () => 'jane@example.com',
  url: () => 'https://example.com/page',
  date: () => DATETIME,
  autodate: () => DATETIME,
  select: (field) => {
    const first = stringListOption(field, 'values')[0];
    return first === undefined ? undefined : oneOrList(field, first);
  },
  relation: (field) => oneOrList(field, RECORD_ID),
  file: (field) => oneOrList(field, 'photo_k2p9x4m1zq.png'),
  json: () => ({ key: 'value', list: [1, 2, 3] }),
  password: (field) => sized('correct-horse-battery', Math.max(intOption(field, 'min'), 8), intOption(field, 'max')),
  geoPoint: () => ({ lon: 13.4105, lat: 52.5244 }),
};

/** The example for `field`, or undefined when none can be given. */
export function fieldExample(field: Field): unknown {
  return examples[field.type]?.(field);
}

/** `schema` with `examples: [value]` (JSON Schema 2020-12, as OpenAPI 3.1 takes it) when there is one. */
export function withExample<S extends Record<string, unknown>>(schema: S, field: Field): S {
  const value = fieldExample(field);
  return value === undefined ? schema : { ...schema, examples: [value] };
}
