/** The contract of a field type plug-in: how a value is edited, shown, configured and sent. */
import type { ComponentType } from 'react';
import type { CollectionModel, FieldModel, PlinthClient } from '@plinth/sdk';

export interface FieldInputProps {
  field: FieldModel;
  value: unknown;
  onChange(value: unknown): void;
  /** The input's DOM id (labels point at it). */
  id: string;
  /** The record being edited (undefined when creating): file inputs need it for previews. */
  record?: Record<string, unknown>;
  collection: CollectionModel;
}

export interface FieldViewProps {
  field: FieldModel;
  value: unknown;
  record: Record<string, unknown>;
  collection: CollectionModel;
  client: PlinthClient;
}

export interface FieldSettingsProps {
  field: FieldModel;
  onChange(patch: Partial<FieldModel>): void;
  collections: CollectionModel[];
}

export interface FieldType {
  type: string;
  label: string;
  Input: ComponentType<FieldInputProps>;
  View: ComponentType<FieldViewProps>;
  Settings?: ComponentType<FieldSettingsProps>;
  /** Options a new field of this type starts with. */
  defaults?: Partial<FieldModel>;
  /** The value a new record starts with. */
  empty(field: FieldModel): unknown;
  /** The form value for a stored record value (default: as is). */
  fromRecord?(value: unknown, field: FieldModel): unknown;
  /** A message when the form value cannot be sent (checked before saving). */
  validate?(value: unknown, field: FieldModel): string | undefined;
  /**
   * Turns the form value into request body entries (default `{[field.name]: value}`); an empty object leaves
   * the field out. Entries may use modifiers (`files+`, `files-`).
   */
  toWire?(value: unknown, field: FieldModel): Record<string, unknown>;
  /** Not editable in the record form (e.g. autodate). */
  readOnly?: boolean;
}
