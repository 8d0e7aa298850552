/**
 * The one storage conformance suite: every adapter must pass all of it, with no per-adapter skips. The
 * factory is called once per suite; tests isolate themselves by using collections with names of their own.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { StorageAdapter } from '../port.js';
import { catalogueTests } from './conformance-catalogue.js';
import { filterTests } from './conformance-filter.js';
import { jobTests } from './conformance-jobs.js';
import { outboxTests } from './conformance-outbox.js';
import { recordTests } from './conformance-records.js';
import type { SuiteContext } from './conformance-tables.js';
import { transactionTests } from './conformance-transactions.js';

export interface ConformanceSubject {
  storage: StorageAdapter;
  dispose(): Promise<void>;
}

export function runConformanceSuite(name: string, factory: () => Promise<ConformanceSubject>): void {
  describe(`storage conformance: ${name}`, () => {
    const ctx = {} as SuiteContext;
    let subject: ConformanceSubject | undefined;

    beforeAll(async () => {
      subject = await factory();
      ctx.storage = subject.storage;
      await ctx.storage.migrate();
    });
    afterAll(async () => {
      await subject?.dispose();
    });

    describe('catalogue', () => catalogueTests(ctx));
    describe('records', () => recordTests(ctx));
    describe('transactions and key/value', () => transactionTests(ctx));
    describe('filters', () => filterTests(ctx));
    describe('outbox', () => outboxTests(ctx));
    describe('jobs', () => jobTests(ctx));
  });
}
