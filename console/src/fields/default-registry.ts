/** The built-in field types; plugins may register more on the registry the console is given. */
import { boolField } from './bool/bool-field.js';
import { autodateField, dateField } from './date/date-field.js';
import { createFieldRegistry, type FieldRegistry } from './field-registry.js';
import { fileField } from './file/file-field.js';
import { geoPointField } from './geo-point/geo-point-field.js';
import { jsonField } from './json/json-field.js';
import { numberField } from './number/number-field.js';
import { passwordField } from './password/password-field.js';
import { relationField } from './relation/relation-field.js';
import { selectField } from './select/select-field.js';
import { editorField, emailField, textField, urlField } from './text/text-field.js';

export function createDefaultFieldRegistry(): FieldRegistry {
  return createFieldRegistry(jsonField, [
    textField,
    editorField,
    numberField,
    boolField,
    emailField,
    urlField,
    dateField,
    autodateField,
    selectField,
    fileField,
    relationField,
    jsonField,
    geoPointField,
    passwordField,
  ]);
}
