/**
 * `relation`: ids of records in another collection. Whether every id exists is checked by the records use case
 * (it needs storage); here: counts and schema options.
 */
import type { FieldType } from '../field-type.js';
import { boolOption, checkIntRange, error, intOption, normalizeCommon, optionErrors, requiredError, stringOption } from './field-common.js';
import { checkSelectionCount, selectionBehaviour } from './multi-value.js';

export const relationFieldType: FieldType = {
  type: 'relation',
  ...selectionBehaviour,
  normalizeOptions: (field) => ({
    cascadeDelete: boolOption(field, 'cascadeDelete'),
    collectionId: stringOption(field, 'collectionId'),
    ...normalizeCommon(field),
    maxSelect: intOption(field, 'maxSelect'),
    minSelect: intOption(field, 'minSelect'),
  }),
  validateOptions(field, collection, lookup) {
    const collectionId = stringOption(field, 'collectionId');
    let collectionError = null;
    if (!collectionId) collectionError = requiredError();
    else {
      const target = lookup(collectionId);
      if (!target || target.id !== collectionId) {
        collectionError = error('validation_field_relation_missing_collection', "The relation collection doesn't exist.");
      } else if (collection.type !== 'view' && target.type === 'view') {
        collectionError = error('validation_relation_field_non_view_base_collection', 'Only view collections are allowed to have relations to other views.');
      }
    }
    const minSelect = intOption(field, 'minSelect');
    return optionErrors([
      ['collectionId', collectionError],
      ['minSelect', checkIntRange(field.minSelect, 0)],
      ['maxSelect', minSelect > 0 && !intOption(field, 'maxSelect') ? requiredError() : checkIntRange(field.maxSelect, minSelect)],
    ]);
  },
  validateValue: (field, value) => checkSelectionCount(field, value).error,
};
