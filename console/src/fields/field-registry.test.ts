import { describe, expect, it } from 'vitest';
import type { FieldModel } from '@plinth/sdk';
import { createDefaultFieldRegistry } from './default-registry.js';
import { createFieldRegistry } from './field-registry.js';
import { fileWire } from './file/file-field.js';
import { fromLocalInput, toLocalInput } from './date/date-field.js';
import { textField } from './text/text-field.js';
import { jsonField } from './json/json-field.js';

const field = (type: string, extra: Partial<FieldModel> = {}): FieldModel => ({ name: 'f', type, ...extra });

describe('field registry', () => {
  it('has an input and a view for every field type the server knows', () => {
    const registry = createDefaultFieldRegistry();
    for (const type of ['text', 'editor', 'number', 'bool', 'email', 'url', 'date', 'autodate', 'select', 'file', 'relation', 'json', 'geoPoint', 'password']) {
      expect(registry.has(type), type).toBe(true);
      expect(registry.get(type).Input).toBeTypeOf('function');
      expect(registry.get(type).View).toBeTypeOf('function');
    }
  });

  it('falls back to the JSON editor for a type it does not know (a plugin or newer server)', () => {
    const registry = createFieldRegistry(jsonField, [textField]);
    const unknown = registry.get('vector');
    expect(unknown.type).toBe('vector');
    expect(unknown.Input).toBe(jsonField.Input);
    expect(registry.has('vector')).toBe(false);
    expect(registry.list().map((t) => t.type)).toEqual(['text']);
  });

  it('lets a plugin register a type that replaces a built-in one', () => {
    const registry = createFieldRegistry(jsonField, [textField]);
    registry.register({ ...textField, label: 'Fancy text' });
    expect(registry.get('text').label).toBe('Fancy text');
    expect(registry.list()).toHaveLength(1);
  });

  it('turns form values into request entries per type', () => {
    const r = createDefaultFieldRegistry();
    expect(r.get('number').toWire!('', field('number'))).toEqual({ f: 0 });
    expect(r.get('number').toWire!('12.5', field('number'))).toEqual({ f: 12.5 });
    expect(r.get('password').toWire!('', field('password'))).toEqual({});
    expect(r.get('password').toWire!('secret-123', field('password'))).toEqual({ f: 'secret-123' });
    expect(r.get('autodate').toWire!('2024-01-01', field('autodate'))).toEqual({});
    expect(r.get('json').toWire!('{"a": [1, 2]}', field('json'))).toEqual({ f: { a: [1, 2] } });
    expect(r.get('json').toWire!('', field('json'))).toEqual({ f: null });
    expect(r.get('json').validate!('{oops', field('json'))).toMatch(/^Invalid JSON/);
    expect(r.get('json').fromRecord!({ a: 1 }, field('json'))).toBe('{\n  "a": 1\n}');
    expect(r.get('select').empty(field('select', { maxSelect: 3 }))).toEqual([]);
    expect(r.get('select').empty(field('select'))).toBe('');
  });

  it('sends file changes with modifiers so unrelated files are never touched', () => {
    const a = new File(['x'], 'a.png', { type: 'image/png' });
    const multi = field('file', { maxSelect: 5 });
    expect(fileWire({ keep: ['old.png'], removed: [], add: [] }, multi)).toEqual({});
    expect(fileWire({ keep: ['keep.png'], removed: ['gone.png'], add: [a] }, multi)).toEqual({ 'f-': ['gone.png'], 'f+': [a] });
    const single = field('file');
    expect(fileWire({ keep: [], removed: ['old.png'], add: [a] }, single)).toEqual({ f: a });
    expect(fileWire({ keep: [], removed: ['old.png'], add: [] }, single)).toEqual({ f: '' });
    expect(fileWire(['stored.png'], single)).toEqual({});
  });

  it('round-trips dates between the server format and the local picker', () => {
    const local = toLocalInput('2024-05-01 10:30:00.000Z');
    expect(local).toMatch(/^2024-05-0\dT\d\d:30$/);
    expect(fromLocalInput(local)).toBe('2024-05-01 10:30:00.000Z');
    expect(toLocalInput('')).toBe('');
    expect(fromLocalInput('')).toBe('');
  });
});
