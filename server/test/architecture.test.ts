/**
 * The layering rules of shared/design/architecture.md, checked on every run: arrows point inward
 * (http -> core -> port <- storage), filter/ is a pure leaf, and drivers/Koa stay in their folders.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

interface Import { file: string; spec: string; target: string | null }

const imports: Import[] = sourceFiles(src).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => {
    const spec = m[1];
    const target = spec.startsWith('.') ? relative(src, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : null;
    return { file: relative(src, file), spec, target };
  });
});

const drivers = /^(knex|knex-pglite|pg|@electric-sql\/pglite|mongodb)(\/|$)/;
const koa = /^(koa|@koa\/)/;
const violations = (pred: (i: Import) => boolean) => imports.filter(pred).map((i) => `${i.file} -> ${i.spec}`);

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(imports.length).toBeGreaterThan(10);
  });

  it('keeps filter/ pure: it imports nothing from core, storage or http', () => {
    expect(violations((i) => i.file.startsWith('filter/') && !!i.target && !i.target.startsWith('filter/'))).toEqual([]);
  });

  it('keeps database drivers inside storage/', () => {
    expect(violations((i) => !i.file.startsWith('storage/') && drivers.test(i.spec))).toEqual([]);
  });

  it('keeps Koa inside http/', () => {
    expect(violations((i) => !i.file.startsWith('http/') && koa.test(i.spec))).toEqual([]);
  });

  it('lets core depend only on core, filter, config and the storage port', () => {
    // Type-only contracts core emits to or exposes on the App; their implementations stay outside core.
    const contracts = new Set(['events/domain-event.ts', 'events/event-bus.ts', 'jobs/job-queue.ts', 'metrics/metrics.ts']);
    const allowed = (t: string) => /^(core|filter|config)\//.test(t) || t === 'storage/port.ts' || t === 'files/port.ts' || contracts.has(t);
    expect(violations((i) => i.file.startsWith('core/') && !!i.target && !allowed(i.target))).toEqual([]);
  });

  it('keeps storage adapters away from core use cases and http', () => {
    const allowed = (t: string) => /^(storage|filter|config)\//.test(t) || t === 'core/logger.ts' || t === 'core/errors.ts';
    expect(violations((i) => i.file.startsWith('storage/') && !!i.target && !allowed(i.target))).toEqual([]);
  });
});
