/**
 * The field-level diff of one change. Values of hidden and write-only fields (password hashes, token keys,
 * webhook secrets) never enter the log: their entry only says that they changed. Autodate fields are left out
 * (they change on every write).
 */
import type { Collection } from '@plinth/server/src/plugins/plugin-api.js';

export type FieldChange = { from?: unknown; to?: unknown; hidden?: true };
export type Changes = Record<string, FieldChange>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffRecord(collection: Collection, previous: Record<string, unknown> | undefined, next: Record<string, unknown> | undefined): Changes {
  const changes: Changes = {};
  for (const field of collection.fields) {
    if (field.type === 'autodate' || field.name === 'id') continue;
    const from = previous?.[field.name];
    const to = next?.[field.name];
    if (previous && next && same(from, to)) continue;
    if (!previous && (to === undefined || to === '' || to === null)) continue;
    if (!next && (from === undefined || from === '' || from === null)) continue;
    if (field.hidden || field.writeOnly) {
      changes[field.name] = { hidden: true };
      continue;
    }
    const change: FieldChange = {};
    if (previous) change.from = from ?? null;
    if (next) change.to = to ?? null;
    changes[field.name] = change;
  }
  return changes;
}
