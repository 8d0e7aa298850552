/**
 * Derived views of a collection: the physical TableSchema for the storage port and the SchemaCollection the
 * filter resolver reads. Pure functions; the registry caches their results per schema version.
 */
import type { LeafField } from '../../filter/condition.js';
import type { SchemaCollection, SchemaField } from '../../filter/schema.js';
import type { ColumnSchema, IndexSpec, TableSchema } from '../../storage/port.js';
import { fieldType } from './field-registry.js';
import { findSingleColumnUniqueIndex, parseIndex, toIndexSpec } from './index-parse.js';
import type { Collection, Field } from './model.js';

function schemaField(field: Field): SchemaField | undefined {
  const type = fieldType(field.type);
  if (!type) return undefined;
  const out: SchemaField = {
    name: field.name,
    type: field.type,
    storage: type.storage(field),
    multiple: type.isMultiple(field),
    hidden: field.hidden === true,
    ...(field.writeOnly === true ? { writeOnly: true } : {}),
  };
  if (field.type === 'relation' && typeof field.collectionId === 'string') out.relationTo = field.collectionId;
  return out;
}

function leafLookup(c: Collection): (name: string) => LeafField | undefined {
  const byName = new Map<string, LeafField>();
  for (const f of c.fields) {
    const sf = schemaField(f);
    if (sf) byName.set(f.name.toLowerCase(), { name: sf.name, type: sf.type, storage: sf.storage, multiple: sf.multiple });
  }
  return (name) => byName.get(name.toLowerCase());
}

export function toTableSchema(c: Collection): TableSchema {
  const columns: ColumnSchema[] = [];
  for (const field of c.fields) {
    const type = fieldType(field.type);
    if (!type) continue;
    columns.push({ id: field.id, name: field.name, storage: type.storage(field), defaultValue: type.defaultValue(field) });
  }
  if (!columns.some((col) => col.name === 'id')) columns.unshift({ id: 'id', name: 'id', storage: 'text', defaultValue: '' });
  const lookup = leafLookup(c);
  const indexes: IndexSpec[] = [];
  if (c.type !== 'view') {
    for (const raw of c.indexes) {
      const parsed = parseIndex(raw);
      if (parsed) indexes.push(toIndexSpec(parsed, lookup));
    }
  }
  return { id: c.id, name: c.name, columns, indexes };
}

export function toSchemaCollection(c: Collection): SchemaCollection {
  const fields = c.fields.map(schemaField).filter((f): f is SchemaField => !!f);
  const uniqueFields = fields.filter((f) => findSingleColumnUniqueIndex(c.indexes, f.name)).map((f) => f.name);
  return { id: c.id, name: c.name, type: c.type, fields, uniqueFields, listRule: c.listRule };
}
