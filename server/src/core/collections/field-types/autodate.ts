/** `autodate`: server-set timestamps (created/updated); client input is ignored by the records use case. */
import type { FieldType } from '../field-type.js';
import { formatDateTime, normalizeDateTime } from '../../datetime.js';
import { boolOption, error, normalizeCommon, optionErrors } from './field-common.js';

const neither = () => error('validation_required', 'Either onCreate or onUpdate must be enabled.');

export const autodateFieldType: FieldType = {
  type: 'autodate',
  storage: () => 'text',
  isMultiple: () => false,
  defaultValue: () => '',
  normalizeOptions: (field) => ({
    ...normalizeCommon(field, false),
    onCreate: boolOption(field, 'onCreate'),
    onUpdate: boolOption(field, 'onUpdate'),
  }),
  validateOptions(field) {
    const none = !boolOption(field, 'onCreate') && !boolOption(field, 'onUpdate');
    return optionErrors([
      ['onCreate', none ? neither() : null],
      ['onUpdate', none ? neither() : null],
    ]);
  },
  prepareValue: (_field, raw) => normalizeDateTime(raw),
  validateValue: () => null,
  onSave(field, ctx) {
    if (ctx.isNew ? boolOption(field, 'onCreate') : boolOption(field, 'onUpdate')) return formatDateTime(ctx.now);
    return undefined;
  },
};
