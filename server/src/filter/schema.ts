/**
 * What the filter resolver needs to know about collections. Defined here (not in core) so that filter/ stays
 * a leaf module; core's Collection model satisfies it structurally through `core/collections/schema-view.ts`.
 */

/** How a field's value is stored, which decides how comparisons are compiled. */
export type StorageKind =
  | 'text' // strings (text, editor, email, url, date, autodate, single select/relation/file, password hash)
  | 'number' // float64
  | 'bool'
  | 'json' // arbitrary JSON, may be null
  | 'list' // array of strings (multiple select/relation/file)
  | 'geo'; // {lon, lat}

export interface SchemaField {
  name: string;
  /** PocketBase field type name: text, number, bool, email, url, editor, date, autodate, select, relation, file, json, password, geoPoint. */
  type: string;
  storage: StorageKind;
  /** True for maxSelect > 1 on select/relation/file. */
  multiple: boolean;
  hidden: boolean;
  /** Never readable (core's write-only fields): refused in every filter, sort and rule, superusers' too. */
  writeOnly?: boolean;
  /** Target collection id for relation fields. */
  relationTo?: string;
}

export interface SchemaCollection {
  id: string;
  name: string;
  type: 'base' | 'auth' | 'view';
  fields: SchemaField[];
  /** Names of fields with a single-column UNIQUE index (decides back-relation cardinality). */
  uniqueFields: string[];
  /** The list rule; used to guard relation hops in non-superuser client filters. */
  listRule: string | null;
}

export interface SchemaLookup {
  /** By id (exact) or name (case-insensitive). */
  collection(nameOrId: string): SchemaCollection | undefined;
}
