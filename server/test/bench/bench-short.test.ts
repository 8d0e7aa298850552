/**
 * The benchmark's CI mode (`pnpm bench --short`): a tiny dataset and runs of 0.3 s through every target and
 * scenario, so the benchmark cannot rot. Its figures mean nothing; what is asserted is that every request
 * succeeded and every number was produced.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { combineRounds } from '../../../bench/bench-load.js';
import { testBackends } from '../support/test-database.js';

const RUN = fileURLToPath(new URL('../../../bench/run.ts', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));

interface Report {
  scenarios: string[];
  targets: { key: string; peakRssMb: number; scenarios: Record<string, { requests: number; rps: number; p50: number; p99: number; errors: number }> }[];
}

it('combines rounds: the rate over the summed time, percentiles over every request of every round', () => {
  const ms = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  const r = combineRounds([
    { requests: 100, rps: 50, p50: 50, p99: 99, errors: 0, latencies: ms(1, 100) },
    { requests: 300, rps: 100, p50: 250, p99: 399, errors: 2, latencies: ms(101, 300) },
  ]);
  expect(r).toEqual({ requests: 400, rps: 80, p50: 201, p99: 397, errors: 2, latencies: ms(1, 400) });
  // Without the latencies of every round, the worst round's percentiles (conservative).
  const { latencies: _dropped, ...first } = r;
  expect(combineRounds([first, { requests: 10, rps: 10, p50: 300, p99: 300, errors: 0 }])).toMatchObject({ p50: 300, p99: 397 });
});

it('type-checks the benchmark', async () => {
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const child = spawn(process.execPath, [tsc, '-p', fileURLToPath(new URL('../../../bench/tsconfig.json', import.meta.url))], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  expect(await new Promise((resolve) => child.once('exit', resolve)), log).toBe(0);
}, 120_000);

it('runs every benchmark scenario against every target in short mode', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-short-'));
  const out = join(dir, 'report.json');
  const targets = testBackends.includes('postgres') ? ['ceiling', 'plinth-postgres', 'plinth-pglite'] : ['plinth-pglite'];
  try {
    // Two rounds: the targets take turns, in both orders.
    const child = spawn(process.execPath, ['--import', 'tsx', RUN, '--short', '--rounds', '2', '--targets', targets.join(','), '--json', out], {
      cwd: SERVER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, log).toBe(0);

    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.targets.map((t) => t.key)).toEqual(targets);
    for (const target of report.targets) {
      expect(Object.keys(target.scenarios)).toEqual(report.scenarios);
      for (const [name, r] of Object.entries(target.scenarios)) {
        expect(r.errors, `${target.key} / ${name}`).toBe(0);
        expect(r.requests, `${target.key} / ${name}`).toBeGreaterThan(0);
        expect(Number.isFinite(r.p99)).toBe(true);
      }
      expect(target.peakRssMb).toBeGreaterThan(0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);
