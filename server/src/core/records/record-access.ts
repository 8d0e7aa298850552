/**
 * Steps every records use case shares: the caller's view of a rule (superusers bypass, null is 403), the
 * refusal of writes on view collections, and turning stored rows into the response (JSON + expand).
 */
import type { Condition } from '../../filter/condition.js';
import type { RecordData } from '../../storage/port.js';
import type { Collection } from '../collections/model.js';
import { AppError, forbidden } from '../errors.js';
import { lockedMessage, ruleCondition, ruleText, type RuleKey } from '../rules/rule-condition.js';
import { expandRecords } from './record-expand.js';
import type { RecordJSON, RecordsContext } from './records-context.js';
import { serializeRecords } from './serialize-record.js';

/** The condition the caller's rows must satisfy (undefined: no restriction). Throws 403 for a locked rule. */
export function accessCondition(ctx: RecordsContext, collection: Collection, rule: RuleKey): Condition | undefined {
  if (ctx.caller.isSuperuser) return undefined;
  const outcome = ruleCondition(ctx.app, collection, rule, ctx.caller.request);
  if (outcome.locked) throw forbidden(lockedMessage);
  return outcome.condition;
}

/** The 403 of a locked rule, checked before any work that depends on the request body or the record. */
export function assertNotLocked(ctx: RecordsContext, collection: Collection, rule: RuleKey): void {
  if (!ctx.caller.isSuperuser && ruleText(collection, rule) === null) throw forbidden(lockedMessage);
}

export function requireWritable(collection: Collection): void {
  if (collection.type === 'view') throw new AppError('bad_request', 'Unsupported collection type.');
}

export async function toResponse(
  ctx: RecordsContext,
  collection: Collection,
  rows: RecordData[],
  expand: string | undefined,
  revealed?: ReadonlySet<string>,
): Promise<RecordJSON[]> {
  const items = await serializeRecords(ctx, collection, rows, revealed);
  await expandRecords(ctx, collection, rows, items, expand);
  return items;
}

export async function toSingleResponse(
  ctx: RecordsContext,
  collection: Collection,
  row: RecordData,
  expand: string | undefined,
  /** Write-only fields the write being answered has set (records/record-fields.ts writtenWriteOnly). */
  revealed?: ReadonlySet<string>,
): Promise<RecordJSON> {
  return (await toResponse(ctx, collection, [row], expand, revealed))[0];
}
