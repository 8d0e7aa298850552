/**
 * Stored row -> record JSON. Every visible field goes through its field type's toJSON; hidden fields are
 * output only to superusers; password fields and an auth record's tokenKey never leave the server; an auth
 * record's email only when emailVisibility is on or the requester is that record, a manager or a superuser.
 * Write-only fields are output to nobody, except in the response to the write that set them (`revealed`).
 */
import type { RecordData } from '../../storage/port.js';
import type { Collection, Field } from '../collections/model.js';
import { managedIds } from '../rules/manage-access.js';
import { isPasswordField, isWriteOnly, typeOf } from './record-fields.js';
import type { RecordJSON, RecordsContext } from './records-context.js';

export interface Visibility {
  isSuperuser: boolean;
  /** Auth records whose email the requester may see regardless of emailVisibility. */
  emailVisibleIds: ReadonlySet<string>;
  /** Write-only fields the current write has just set, returned this once (still hidden rules apply). */
  revealed?: ReadonlySet<string>;
}

/** Works out, in one query, which of these auth records the requester manages (for email visibility). */
export async function visibilityFor(ctx: RecordsContext, collection: Collection, rows: RecordData[]): Promise<Visibility> {
  const { caller } = ctx;
  const emailVisibleIds = new Set<string>();
  if (caller.isSuperuser || collection.type !== 'auth') return { isSuperuser: caller.isSuperuser, emailVisibleIds };
  const auth = caller.request.auth;
  const pending: string[] = [];
  for (const row of rows) {
    const id = String(row.id);
    if (row.emailVisibility === true) continue;
    if (auth && auth.collectionId === collection.id && auth.id === id) emailVisibleIds.add(id);
    else pending.push(id);
  }
  for (const id of await managedIds(ctx.app, ctx.session, collection, caller.request, pending)) emailVisibleIds.add(id);
  return { isSuperuser: false, emailVisibleIds };
}

function isOutput(collection: Collection, field: Field, row: RecordData, visibility: Visibility): boolean {
  if (isPasswordField(field)) return false;
  if (collection.type === 'auth') {
    if (field.name === 'tokenKey') return false;
    if (field.name === 'email' && !visibility.isSuperuser) {
      return row.emailVisibility === true || visibility.emailVisibleIds.has(String(row.id));
    }
  }
  const visible = !field.hidden || visibility.isSuperuser;
  return visible && (!isWriteOnly(field) || visibility.revealed?.has(field.name) === true);
}

export function serializeRecord(collection: Collection, row: RecordData, visibility: Visibility): RecordJSON {
  const out: RecordJSON = { id: String(row.id ?? ''), collectionId: collection.id, collectionName: collection.name };
  for (const field of collection.fields) {
    if (!isOutput(collection, field, row, visibility)) continue;
    const type = typeOf(field);
    const value = row[field.name] === undefined ? type?.defaultValue(field) : row[field.name];
    out[field.name] = type?.toJSON ? type.toJSON(field, value) : value;
  }
  return out;
}

export async function serializeRecords(
  ctx: RecordsContext,
  collection: Collection,
  rows: RecordData[],
  revealed?: ReadonlySet<string>,
): Promise<RecordJSON[]> {
  const visibility = { ...(await visibilityFor(ctx, collection, rows)), revealed };
  return rows.map((row) => serializeRecord(collection, row, visibility));
}
