/**
 * Type-level model of a generated schema (see `plinth typegen`) and what the services derive from it:
 * records, inputs, expand paths and results, field projections and sort keys.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Datetime string `YYYY-MM-DD HH:MM:SS.mmmZ` ("" when unset). */
export type DateString = string;
/** What file fields accept on create/update. Node's Buffer is a Uint8Array. */
export type FileInput = Blob | Uint8Array;

export interface BaseRecord {
  id: string;
  collectionId: string;
  collectionName: string;
}

export interface RelationDef {
  to: string;
  many: boolean;
}

/** One collection in a generated schema. */
export interface CollectionDef {
  type: 'base' | 'auth' | 'view';
  record: BaseRecord;
  create: object;
  update: object;
  relations: { [name: string]: RelationDef };
}

export type SchemaShape = { [collection: string]: CollectionDef };

/** The schema used without generated types: any collection, loosely typed records. */
export interface AnyRecord extends BaseRecord {
  [field: string]: any;
}
export type AnySchema = {
  [collection: string]: {
    type: 'base' | 'auth' | 'view';
    record: AnyRecord;
    create: { [field: string]: any };
    update: { [field: string]: any };
    relations: { [name: string]: { to: string; many: boolean } };
  };
};

export type RecordOf<S extends SchemaShape, C extends keyof S> = S[C]['record'];
type Rels<S extends SchemaShape, C extends keyof S> = S[C]['relations'];
type Prev = [never, 0, 1, 2];

/** Dotted expand paths (up to 3 hops deep) through the collection's relations and back-relations. */
export type ExpandPath<S extends SchemaShape, C extends keyof S, D extends number = 3> = [D] extends [never]
  ? never
  : {
      [K in keyof Rels<S, C> & string]:
        | K
        | (Rels<S, C>[K]['to'] extends keyof S ? `${K}.${ExpandPath<S, Rels<S, C>[K]['to'], Prev[D]>}` : never);
    }[keyof Rels<S, C> & string];

type Head<P extends string> = P extends `${infer H}.${string}` ? H : P;
type Tail<P extends string, K extends string> = P extends `${K}.${infer R}` ? R : never;

/** A record with the `expand` object the given paths produce (relations the rules hide may be missing). */
export type Expanded<S extends SchemaShape, C extends keyof S, P extends string> = [P] extends [never]
  ? RecordOf<S, C>
  : RecordOf<S, C> & {
      expand?: {
        [K in Head<P> & keyof Rels<S, C>]?: Rels<S, C>[K]['to'] extends infer T extends keyof S
          ? Rels<S, C>[K]['many'] extends true
            ? Expanded<S, T, Tail<P, K & string>>[]
            : Expanded<S, T, Tail<P, K & string>>
          : never;
      };
    };

/** Entries of a `fields` projection: record keys, `*`, `expand…` paths and `:excerpt(…)` modifiers. */
export type FieldKey<R> = (keyof R & string) | '*' | `expand${string}` | `${keyof R & string}:excerpt(${string})`;

type StripExcerpt<E> = E extends `${infer K}:excerpt(${string})` ? K : E;
/** The record narrowed by a `fields` projection where TypeScript can follow it. */
export type Projected<R, F> = [F] extends [never]
  ? R
  : F extends readonly (infer E)[]
    ? '*' extends E
      ? R
      : Pick<R, StripExcerpt<E> & keyof R> & (Extract<E, `expand${string}`> extends never ? unknown : Pick<R, 'expand' & keyof R>)
    : R;

/** Sort terms: a field (optionally `-`/`+` prefixed), a relation path, or `@random`/`@rowid`. */
export type SortKey<S extends SchemaShape, C extends keyof S> =
  | `${'' | '-' | '+'}${(keyof RecordOf<S, C> & string) | `${keyof Rels<S, C> & string}.${string}`}`
  | `${'' | '-' | '+'}${keyof RecordOf<S, C> & string}:lower`
  | '@random'
  | '@rowid';

export interface ListResult<T> {
  page: number;
  perPage: number;
  totalItems: number;
  totalPages: number;
  items: T[];
}
