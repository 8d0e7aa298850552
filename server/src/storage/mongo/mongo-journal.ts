/**
 * An undo journal per transaction level. MongoDB has no savepoints, and a deployment without multi-document
 * transactions has no rollback at all, so every write made inside `transaction(fn)` records how to undo it
 * (before-images of documents, the previous catalogue entry or value). When fn throws, its level's journal
 * is replayed backwards: a nested level inside a real transaction behaves like a savepoint, and without
 * transactions a failed create rule, batch or cascade is compensated.
 *
 * Compensation is not a transaction: other sessions can see the work before it is undone, and a process that
 * dies mid-way cannot undo anything (README.md, "Without transactions").
 */
import type { Document } from 'mongodb';
import type { MongoScope } from './mongo-connection.js';
import { sessionOptions } from './mongo-connection.js';

type Undo = (scope: MongoScope) => Promise<void>;

interface Entry {
  undo: Undo;
  /** Work done outside the transaction's session (DDL): an aborted transaction does not undo it. */
  outside: boolean;
}

export class Journal {
  private readonly undos: Entry[] = [];

  constructor(private readonly scope: MongoScope) {}

  private push(undo: Undo, outside = false): void {
    this.undos.push({ undo, outside });
  }

  inserted(collection: string, id: string): void {
    this.push((s) => s.db.collection<{ _id: string }>(collection).deleteOne({ _id: id }, sessionOptions(s)).then(() => undefined));
  }

  /** `before`: the whole stored document (with `_id`). */
  updated(collection: string, before: Document): void {
    this.push((s) => s.db.collection(collection).replaceOne({ _id: before._id }, before, sessionOptions(s)).then(() => undefined));
  }

  deleted(collection: string, before: Document): void {
    this.push((s) => s.db.collection(collection).insertOne(before, sessionOptions(s)).then(() => undefined));
  }

  truncated(collection: string, before: Document[]): void {
    if (before.length === 0) return;
    this.push((s) => s.db.collection(collection).insertMany(before, sessionOptions(s)).then(() => undefined));
  }

  /** Any other step (catalogue, key/value state; `outside` for schema changes made outside the session). */
  custom(undo: Undo, outside = false): void {
    this.push(undo, outside);
  }

  /** A nested level that succeeded hands its undos to the enclosing one. */
  adopt(child: Journal): void {
    this.undos.push(...child.undos);
  }

  /**
   * Undoes everything, newest first; keeps going past failures and reports the first one. After a real
   * transaction was aborted only the work done outside it is left to undo (`abortedTransaction`).
   */
  async rollback(abortedTransaction = false): Promise<void> {
    let failure: unknown;
    for (const entry of this.undos.splice(0).reverse()) {
      if (abortedTransaction && !entry.outside) continue;
      await entry.undo(this.scope).catch((err: unknown) => (failure ??= err));
    }
    if (failure !== undefined) throw failure;
  }
}
