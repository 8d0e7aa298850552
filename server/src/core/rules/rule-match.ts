/**
 * Rule checks against stored rows: "does this record (still) satisfy the condition?". Used for view/update/
 * delete lookups, the create rule (checked on the freshly inserted row inside the transaction) and manageRule.
 */
import type { Condition } from '../../filter/condition.js';
import type { RecordData, StorageSession, TableSchema } from '../../storage/port.js';
import { and, idEquals, idIn } from './condition-build.js';

export async function findById(
  session: StorageSession,
  table: TableSchema,
  id: string,
  condition?: Condition,
): Promise<RecordData | null> {
  if (!id) return null;
  const rows = await session.find({ table, where: and(idEquals(id), condition), limit: 1 });
  return rows[0] ?? null;
}

export async function matchesCondition(
  session: StorageSession,
  table: TableSchema,
  id: string,
  condition?: Condition,
): Promise<boolean> {
  return (await session.count({ table, where: and(idEquals(id), condition) })) > 0;
}

/** The subset of `ids` whose rows satisfy `condition`. */
export async function idsMatching(
  session: StorageSession,
  table: TableSchema,
  ids: readonly string[],
  condition?: Condition,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await session.find({ table, where: and(idIn(ids), condition) });
  return new Set(rows.map((r) => String(r.id)));
}
