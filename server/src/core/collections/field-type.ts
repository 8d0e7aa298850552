/**
 * The contract every field type implements (one module per type under field-types/, registered in
 * field-registry.ts). Core code never switches on a field's type name: it asks the field type.
 */
import type { FieldError, FieldErrors } from '../errors.js';
import type { StorageKind } from '../../filter/schema.js';
import type { Collection, Field } from './model.js';

export interface FieldValueContext {
  collection: Collection;
  /** The stored record for updates, undefined on create. */
  existing?: Record<string, unknown>;
  isNew: boolean;
  /** Wall clock (injected for tests). */
  now: Date;
  /** Files uploaded with this save, by their generated stored name (file fields check size and type on them). */
  uploads?: ReadonlyMap<string, UploadInfo>;
}

export interface UploadInfo {
  /** Original name as sent by the client (used in error messages). */
  filename: string;
  size: number;
  /** Sniffed from the content. */
  mimeType: string;
}

export interface FieldType {
  readonly type: string;
  /** How values are stored (decides column type and filter compilation). */
  storage(field: Field): StorageKind;
  /** maxSelect > 1 for select/relation/file. */
  isMultiple(field: Field): boolean;
  /** Value of an unset field: '', 0, false, [], null, {lon:0,lat:0}. */
  defaultValue(field: Field): unknown;
  /** Fills option defaults (e.g. max: 0, values: []) so stored definitions are complete. */
  normalizeOptions(field: Field): Field;
  /** Schema-time checks of the options; returns errors keyed by option name. */
  validateOptions(field: Field, collection: Collection, lookup: (nameOrId: string) => Collection | undefined): FieldErrors | null;
  /** Coerces raw input (JSON or multipart strings) into the stored shape; never throws for bad input. */
  prepareValue(field: Field, raw: unknown, ctx: FieldValueContext): unknown;
  /** Checks a prepared value (required, limits, format). */
  validateValue(field: Field, value: unknown, ctx: FieldValueContext): FieldError | null;
  /** Stored value -> JSON value on the wire. Defaults to identity. */
  toJSON?(field: Field, value: unknown): unknown;
  /**
   * Key modifiers `field+`, `+field`, `field-` (and `field:autogenerate` for text): combine the current value
   * with the modifier argument. Types without modifiers leave this undefined (the key is then ignored).
   */
  applyModifier?(field: Field, modifier: 'append' | 'prepend' | 'subtract' | 'autogenerate', current: unknown, arg: unknown): unknown;
  /**
   * Server-managed values (autodate, text autogenerate on create): called on every save with the value about
   * to be saved (`current`); returns undefined to leave the value alone.
   */
  onSave?(field: Field, ctx: FieldValueContext, current?: unknown): unknown;
}
