/** Validation of `indexes`: parseable, unique names and definitions, existing columns, required auth indexes. */
import type { FieldError, FieldErrors } from '../errors.js';
import { error } from './field-types/field-common.js';
import { findSingleColumnUniqueIndex, indexColumnNames, parseIndex, type ParsedIndex } from './index-parse.js';
import type { Collection } from './model.js';

/** A canonical text of the definition, ignoring the index and table names. */
function definitionKey(p: ParsedIndex): string {
  return JSON.stringify([p.unique, p.columns.map((c) => [c.name.toLowerCase(), c.nocase, c.desc]), p.where ?? null]);
}

export function validateIndexes(c: Collection, original: Collection | null, others: Collection[]): FieldError | FieldErrors | null {
  if (!Array.isArray(c.indexes)) return error('validation_invalid_value', 'Invalid value.');
  if (c.type === 'view' && c.indexes.length > 0) return error('validation_indexes_not_supported', "View collections don't support indexes.");

  const fieldNames = new Set((Array.isArray(c.fields) ? c.fields : []).map((f) => String(f?.name ?? '').toLowerCase()));
  const names = new Set<string>();
  const definitions = new Set<string>();
  for (let i = 0; i < c.indexes.length; i++) {
    const raw = c.indexes[i];
    const parsed = typeof raw === 'string' ? parseIndex(raw) : null;
    if (!parsed) return { [i]: error('validation_invalid_index_expression', 'Invalid CREATE INDEX expression.') };
    const lowerName = parsed.name.toLowerCase();
    if (names.has(lowerName)) return { [i]: error('validation_duplicated_index_name', 'The index name already exists.') };
    names.add(lowerName);

    const usedBy = others.find((o) => o.id !== original?.id && o.indexes.some((idx) => parseIndex(idx)?.name.toLowerCase() === lowerName));
    if (usedBy) {
      return {
        [i]: error('validation_existing_index_name', `The index name is already used in ${usedBy.name} collection.`, { usedTableName: usedBy.name }),
      };
    }
    const key = definitionKey(parsed);
    if (definitions.has(key)) return { [i]: error('validation_duplicated_index_definition', 'The index definition already exists.') };
    definitions.add(key);

    const missing = indexColumnNames(parsed).find((col) => !fieldNames.has(col.toLowerCase()));
    if (missing !== undefined) {
      return { [i]: error('validation_invalid_index_column', `The index refers to the missing field ${missing}.`, { fieldName: missing }) };
    }
  }

  if (c.type === 'auth') {
    for (const name of ['tokenKey', 'email']) {
      if (!findSingleColumnUniqueIndex(c.indexes, name)) {
        return error('validation_missing_required_unique_index', `Missing required unique index for field "${name}".`, { fieldName: name });
      }
    }
  }
  return null;
}
