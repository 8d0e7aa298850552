/**
 * `pnpm bench [--short] [--targets ceiling,plinth-postgres,plinth-pglite] [--loader autocannon|builtin]
 *             [--json FILE] [--markdown FILE] [--pg postgres://admin-url]`
 * Exploring: [--records N] [--connections N] [--duration S] [--warmup S] [--rounds N] [--scenarios "get by id,update"]
 * [--instances N] (Plinth on PostgreSQL as N processes on the one database, the load spread over them)
 * [--c-collation] (what-if: text columns COLLATE "C", see bench-config.ts);
 * [--from-source] (servers through tsx instead of compiled JavaScript, see bench-build.ts; always so with --short);
 * PLINTH_BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to the servers' node.
 * Full mode writes bench/results/latest.json and latest.md (the table BENCHMARKS.md quotes); --short is the CI
 * mode (tiny dataset, runs of 0.3 s, nothing written unless asked) that only proves every path still works.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileServers, SOURCE_BUILD } from './bench-build.js';
import { FULL, postId, SCENARIOS, SHORT, type Scenario } from './bench-config.js';
import { combineRounds, loadRunner, runSpread, type LoadResult } from './bench-load.js';
import { describeMachine, toMarkdown, type BenchReport, type TargetResult } from './bench-report.js';
import type { ServerGroup } from './bench-processes.js';
import { prepareTargets, TARGET_KEYS, TARGET_NAMES, type TargetKey } from './bench-targets.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const short = process.argv.includes('--short');
const profile = { ...(short ? SHORT : FULL) };
// Overrides for exploring (e.g. a profile run): --records N --connections N --duration S --warmup S --rounds N
if (flag('records')) profile.records = Number(flag('records'));
if (flag('connections')) profile.connections = Number(flag('connections'));
if (flag('duration')) profile.durationSec = Number(flag('duration'));
if (flag('warmup')) profile.warmupSec = Number(flag('warmup'));
if (flag('instances')) profile.instances = Number(flag('instances'));
if (flag('rounds')) profile.rounds = Math.max(1, Number(flag('rounds')));
if (process.argv.includes('--c-collation')) profile.cCollation = true;
const keys = (flag('targets')?.split(',') ?? TARGET_KEYS) as TargetKey[];
for (const k of keys) if (!TARGET_KEYS.includes(k)) throw new Error(`unknown target "${k}" (one of ${TARGET_KEYS.join(', ')})`);
const adminUrl = flag('pg') ?? process.env.PLINTH_BENCH_PG_URL ?? process.env.PLINTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// Relative paths are the caller's: `pnpm bench` runs this from server/, INIT_CWD is where it was typed.
const outPath = (p: string | undefined) => (p ? resolve(process.env.INIT_CWD ?? process.cwd(), p) : undefined);
const jsonOut = outPath(flag('json')) ?? (short ? undefined : here('./results/latest.json'));
const markdownOut = outPath(flag('markdown')) ?? (short ? undefined : here('./results/latest.md'));

const log = (line: string) => process.stderr.write(line + '\n');

/**
 * A server that fell behind keeps working on requests the load generator already gave up on; the next
 * scenario would pay for them. Wait until a cheap database read answers promptly again (bounded).
 */
async function settle(urls: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const url of urls) {
    while (Date.now() < deadline) {
      const started = Date.now();
      const ok = await fetch(`${url}/api/collections/posts/records/${postId(1)}`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok && Date.now() - started < 500) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** `--scenarios`: names or name prefixes, separated by ";" (or "," when there is no ";"; names contain commas). */
function chosenScenarios(): Scenario[] {
  const raw = flag('scenarios');
  if (!raw) return SCENARIOS;
  const wanted = raw.split(raw.includes(';') ? ';' : ',').map((w) => w.trim());
  const exact = (w: string) => SCENARIOS.some((s) => s.name === w);
  return SCENARIOS.filter((s) => wanted.some((w) => s.name === w || (!exact(w) && s.name.startsWith(w))));
}

async function main(): Promise<void> {
  const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);
  const loader = await loadRunner(flag('loader') as 'autocannon' | 'builtin' | undefined);
  log(`profile ${profile.name}: ${profile.records} records, ${profile.connections} connections; loader: ${loader.name}`);
  const build = short || process.argv.includes('--from-source') ? SOURCE_BUILD : await compileServers();
  log(`servers: ${build.name === 'compiled' ? 'compiled JavaScript under node' : 'TypeScript sources through tsx'}`);
  const startedAt = new Date().toISOString();
  const dbs = await prepareTargets(build, profile, keys, adminUrl).catch(async (err: unknown) => {
    await build.dispose();
    throw err;
  });
  const running: ServerGroup[] = [];
  const stopAll = () => Promise.all(running.map((s) => s.stop().catch(() => undefined)));
  // Ctrl-C still drops the benchmark database and stops the servers.
  const interrupted = () => {
    log('interrupted: cleaning up');
    void stopAll().then(() => dbs.dispose()).then(() => build.dispose()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const results: TargetResult[] = [];
  try {
    // Every target runs at once, idle but for the one under load: each scenario then measures the targets back
    // to back, so a change in the machine's load between scenarios hits the ceiling and Plinth alike.
    for (const target of dbs.targets) {
      running.push(await target.start());
      const instances = target.key === 'plinth-postgres' ? (profile.instances ?? 1) : 1;
      results.push({ key: target.key, instances, peakRssMb: NaN, scenarios: {} });
    }
    const chosen = chosenScenarios();
    for (const scenario of [...chosen.filter((s) => !s.writes), ...chosen.filter((s) => s.writes)]) {
      log(`— ${scenario.name}`);
      const rounds: LoadResult[][] = dbs.targets.map(() => []);
      const spec = { connections: profile.connections, next: () => scenario.next(profile) };
      for (let round = 0; round < profile.rounds; round++) {
        const order = [...dbs.targets.keys()];
        if (round % 2 === 1) order.reverse();
        for (const i of order) {
          const server = running[i];
          const warmupSec = round === 0 ? profile.warmupSec : Math.min(1, profile.warmupSec);
          if (warmupSec > 0) await runSpread(loader.run, server.urls, { ...spec, durationSec: warmupSec });
          rounds[i].push(await runSpread(loader.run, server.urls, { ...spec, durationSec: profile.durationSec / profile.rounds }));
          await settle(server.urls);
          // The next target starts from the same rows.
          if (scenario.writes) await dbs.targets[i].reset();
        }
      }
      for (const [i, target] of dbs.targets.entries()) {
        const { latencies: _all, ...r } = combineRounds(rounds[i]);
        results[i].scenarios[scenario.name] = r;
        log(`  ${TARGET_NAMES[target.key]}: ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} ERRORS` : ''}`);
      }
    }
    for (const [i, server] of running.entries()) {
      results[i].peakRssMb = server.peakRssMb();
      log(`peak RSS ${TARGET_NAMES[results[i].key]}: ${Math.round(results[i].peakRssMb)} MB`);
    }
  } finally {
    await stopAll();
    await dbs.dispose();
    await build.dispose();
  }
  const report: BenchReport = {
    profile,
    loader: loader.name,
    build: build.name,
    startedAt,
    machine: describeMachine(dbs.postgresVersion, loadBefore),
    scenarios: SCENARIOS.map((s) => s.name),
    targets: results,
  };
  const markdown = toMarkdown(report);
  process.stdout.write(markdown);
  for (const [file, text] of [
    [jsonOut, JSON.stringify(report, null, 2) + '\n'],
    [markdownOut, markdown],
  ] as const) {
    if (!file) continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
