/**
 * Audit log: who changed what and when, with a field-level diff, in a superuser-only collection.
 *
 * Entries are written by "after" hooks, fed by committed events: only changes that really committed are
 * logged, each once across instances, with the actor the change was made by (a record, a guest, or the
 * system). The event id is unique in the log, so a redelivered event never makes a second entry.
 */
import type { PlinthPlugin, RecordAfterEvent } from '@plinth/server/src/plugins/plugin-api.js';
import { diffRecord } from './audit-diff.js';

interface AuditConfig {
  /** Collections to audit; empty: every collection except system ones. */
  collections: string[];
  collection: string;
}

type Action = 'create' | 'update' | 'delete';

const auditLog: PlinthPlugin<AuditConfig> = {
  name: 'audit-log',
  version: '0.1.0',
  config: {
    collections: { type: 'string[]', default: [], description: 'collections to audit (names or ids); empty: all but system collections' },
    collection: { type: 'string', default: '_auditLog', description: 'the collection entries are written to' },
  },

  register(api, config) {
    const wanted = (event: RecordAfterEvent) => {
      const c = event.collection;
      if (c.name === config.collection) return false;
      return config.collections.length > 0 || !c.system;
    };

    const write = (action: Action) => async (event: RecordAfterEvent) => {
      if (!wanted(event)) return;
      const records = api.records.system();
      // Redelivery (at-least-once) after a crash: the entry may already be there.
      if (await records.first(config.collection, `eventId = "${event.eventId}"`)) return;
      const record = action === 'delete' ? event.previous ?? event.record : event.record;
      await records.create(config.collection, {
        eventId: event.eventId,
        action,
        recordCollectionId: event.collection.id,
        recordCollection: event.collection.name,
        recordId: String(record.id),
        actorCollection: event.actor?.collectionName ?? '',
        actorId: event.actor?.id ?? '',
        actorKind: event.actor === undefined ? 'system' : event.actor === null ? 'guest' : 'record',
        changes: diffRecord(event.collection, action === 'create' ? undefined : (event.previous ?? event.record), action === 'delete' ? undefined : event.record),
        occurredAt: event.occurredAt.replace('T', ' '),
      });
    };

    const options = config.collections.length ? { collections: config.collections } : {};
    api.hooks.onRecordAfterCreate(write('create'), { ...options, id: 'create' });
    api.hooks.onRecordAfterUpdate(write('update'), { ...options, id: 'update' });
    api.hooks.onRecordAfterDelete(write('delete'), { ...options, id: 'delete' });

    api.onStart(async () => {
      const text = (name: string) => ({ name, type: 'text' });
      await api.collections.ensure({
        name: config.collection,
        type: 'base',
        system: true,
        // Superusers only: list/view/create/update/delete rules stay locked (null).
        fields: [
          text('eventId'),
          { name: 'action', type: 'select', values: ['create', 'update', 'delete'], maxSelect: 1 },
          text('recordCollectionId'),
          text('recordCollection'),
          text('recordId'),
          { name: 'actorKind', type: 'select', values: ['record', 'guest', 'system'], maxSelect: 1 },
          text('actorCollection'),
          text('actorId'),
          { name: 'changes', type: 'json' },
          { name: 'occurredAt', type: 'date' },
          { name: 'created', type: 'autodate', onCreate: true },
        ],
        indexes: [
          `CREATE UNIQUE INDEX idx_audit_event ON ${config.collection} (eventId)`,
          `CREATE INDEX idx_audit_record ON ${config.collection} (recordCollection, recordId)`,
        ],
      });
    });
  },
};

export default auditLog;
