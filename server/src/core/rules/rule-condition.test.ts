import { describe, expect, it } from 'vitest';
import { emptyRequestInfo, type RequestInfo } from '../../filter/request.js';
import type { StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import { idField } from '../collections/collection-builtins.js';
import type { Collection } from '../collections/model.js';
import { createCollectionRegistry } from '../collections/registry.js';
import { AppError } from '../errors.js';
import { resolveExpression, ruleCondition } from './rule-condition.js';

const text = (name: string) => ({ id: 'text_' + name, name, type: 'text', system: false, hidden: false, presentable: false });

const notes: Collection = {
  id: 'pbc_notes',
  name: 'notes',
  type: 'base',
  system: false,
  listRule: null,
  viewRule: '',
  createRule: 'owner = @request.auth.id',
  updateRule: 'owner ==',
  deleteRule: null,
  fields: [idField(), text('owner'), text('title')],
  indexes: [],
  created: '2025-01-01 00:00:00.000Z',
  updated: '2025-01-01 00:00:00.000Z',
};

async function appWith(collections: Collection[]): Promise<App> {
  const registry = createCollectionRegistry();
  const session = { listCollections: async () => collections.map((c) => ({ id: c.id, document: c })) } as unknown as StorageSession;
  await registry.load(session);
  return { collections: registry, now: () => new Date('2025-06-01T00:00:00Z') } as unknown as App;
}

const asUser = (id: string): RequestInfo => ({
  ...emptyRequestInfo(),
  auth: { id, collectionId: '_pb_users_auth_', collectionName: 'users', record: { id } },
});

describe('ruleCondition', () => {
  it('maps null to locked and an empty rule to an unconditional pass', async () => {
    const app = await appWith([notes]);
    expect(ruleCondition(app, notes, 'listRule', emptyRequestInfo())).toEqual({ locked: true });
    expect(ruleCondition(app, notes, 'viewRule', emptyRequestInfo())).toEqual({ locked: false });
    expect(ruleCondition(app, notes, 'manageRule', emptyRequestInfo())).toEqual({ locked: true });
  });

  it('resolves an expression with @request values turned into literals', async () => {
    const app = await appWith([notes]);
    const outcome = ruleCondition(app, notes, 'createRule', asUser('u1'));
    expect(outcome.locked).toBe(false);
    const condition = outcome.locked ? undefined : outcome.condition;
    expect(condition).toMatchObject({ kind: 'compare', op: 'eq', right: { kind: 'literal', value: 'u1' } });
    expect(condition).toMatchObject({ left: { kind: 'path', field: { name: 'owner' } } });
  });

  it('turns filter errors into 400/403 AppErrors with the filter message', async () => {
    const app = await appWith([notes]);
    const broken = (() => {
      try {
        ruleCondition(app, notes, 'updateRule', emptyRequestInfo());
      } catch (err) {
        return err;
      }
    })();
    expect(broken).toBeInstanceOf(AppError);
    expect(broken).toMatchObject({ status: 400 });
    expect(() => resolveExpression(app, notes, '@request.auth.id != ""', emptyRequestInfo(), true)).toThrow(
      expect.objectContaining({ status: 403, message: expect.stringMatching(/^Only superusers can filter by @request/) }),
    );
    expect(resolveExpression(app, notes, '@request.auth.id != ""', emptyRequestInfo(), false)).toBeDefined();
  });
});
