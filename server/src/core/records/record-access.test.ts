import { describe, expect, it } from 'vitest';
import { emptyRequestInfo } from '../../filter/request.js';
import type { Collection } from '../collections/model.js';
import { assertNotLocked, requireWritable } from './record-access.js';
import type { RecordsContext } from './records-context.js';

const collection = (type: Collection['type'], createRule: string | null) => ({ id: 'c', name: 'c', type, createRule }) as Collection;
const ctx = (isSuperuser: boolean) => ({ caller: { isSuperuser, request: emptyRequestInfo() } }) as RecordsContext;

describe('record access guards', () => {
  it('refuses writes on view collections with 400 "Unsupported collection type."', () => {
    expect(() => requireWritable(collection('view', ''))).toThrow(
      expect.objectContaining({ status: 400, message: 'Unsupported collection type.' }),
    );
    expect(() => requireWritable(collection('base', ''))).not.toThrow();
    expect(() => requireWritable(collection('auth', ''))).not.toThrow();
  });

  it('answers 403 for a null rule unless the caller is a superuser', () => {
    expect(() => assertNotLocked(ctx(false), collection('base', null), 'createRule')).toThrow(
      expect.objectContaining({ status: 403, message: 'Only superusers can perform this action.' }),
    );
    expect(() => assertNotLocked(ctx(true), collection('base', null), 'createRule')).not.toThrow();
    expect(() => assertNotLocked(ctx(false), collection('base', ''), 'createRule')).not.toThrow();
  });
});
