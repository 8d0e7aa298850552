/** The field types by name. */
import type { FieldType } from './field-type.js';
import { autodateFieldType } from './field-types/autodate.js';
import { boolFieldType } from './field-types/bool.js';
import { dateFieldType } from './field-types/date.js';
import { editorFieldType } from './field-types/editor.js';
import { emailFieldType } from './field-types/email.js';
import { fileFieldType } from './field-types/file.js';
import { geoPointFieldType } from './field-types/geo-point.js';
import { jsonFieldType } from './field-types/json.js';
import { numberFieldType } from './field-types/number.js';
import { passwordFieldType } from './field-types/password.js';
import { relationFieldType } from './field-types/relation.js';
import { selectFieldType } from './field-types/select.js';
import { textFieldType } from './field-types/text.js';
import { urlFieldType } from './field-types/url.js';

const all: FieldType[] = [
  textFieldType,
  editorFieldType,
  numberFieldType,
  boolFieldType,
  emailFieldType,
  urlFieldType,
  dateFieldType,
  autodateFieldType,
  selectFieldType,
  relationFieldType,
  fileFieldType,
  jsonFieldType,
  passwordFieldType,
  geoPointFieldType,
];

const byName = new Map(all.map((t) => [t.type, t]));

export const fieldTypeNames: string[] = all.map((t) => t.type);

export function fieldType(type: string): FieldType | undefined {
  return byName.get(type);
}
