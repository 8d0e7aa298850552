/** Results as a JSON document (CI asserts on it) and as the Markdown of BENCHMARKS.md. */
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import type { Profile } from './bench-config.js';
import type { LoadResult } from './bench-load.js';
import { TARGET_NAMES, type TargetKey } from './bench-targets.js';

export interface TargetResult {
  key: TargetKey;
  /** Processes measured together (their peak RSS is summed). */
  instances: number;
  peakRssMb: number;
  scenarios: Record<string, LoadResult>;
}

export interface BenchReport {
  profile: Profile;
  loader: string;
  /** How the servers ran: compiled JavaScript under node, or the TypeScript sources through tsx. */
  build?: 'compiled' | 'source';
  startedAt: string;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; node: string; postgres: string | null; loadBefore: number[]; loadAfter: number[] };
  scenarios: string[];
  targets: TargetResult[];
}

export function describeMachine(postgres: string | null, loadBefore: number[]): BenchReport['machine'] {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    postgres,
    loadBefore,
    loadAfter: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');

/** Plinth's req/s over the ceiling's, per scenario (NaN when the ceiling did not run). */
export function ratio(report: BenchReport, key: TargetKey, scenario: string): number {
  const ceiling = report.targets.find((t) => t.key === 'ceiling')?.scenarios[scenario];
  const mine = report.targets.find((t) => t.key === key)?.scenarios[scenario];
  return ceiling && mine && ceiling.rps > 0 ? mine.rps / ceiling.rps : NaN;
}

export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const p = report.profile;
  const lines: string[] = [];
  lines.push(`Run: ${report.startedAt}, profile \`${p.name}\`: ${p.records.toLocaleString('en-US')} records, ${p.connections} connections, ` +
    `${p.durationSec} s per scenario and target${p.rounds > 1 ? ` in ${p.rounds} rounds taking turns` : ''} after ${p.warmupSec} s warm-up, load generator: ${report.loader}` +
    `${report.build ? `, servers: ${report.build === 'compiled' ? 'compiled JavaScript (node)' : 'from source (tsx)'}` : ''}` +
    `${p.cCollation ? '; what-if: the text columns of the benchmark tables switched to COLLATE "C"' : ''}.`);
  lines.push('');
  lines.push(`Machine: ${m.cores} × ${m.cpu}, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}, ${m.postgres ?? 'no PostgreSQL'}; ` +
    `load average before ${m.loadBefore.join(' / ')}, after ${m.loadAfter.join(' / ')} (1/5/15 min). Load generator, servers and ` +
    'PostgreSQL share these cores on loopback; all targets run at once and each scenario measures them in turn.');
  lines.push('');
  const keys = report.targets.map((t) => t.key);
  const hasCeiling = keys.includes('ceiling');
  const ratioKeys = hasCeiling ? keys.filter((k) => k !== 'ceiling') : [];
  const name = (k: TargetKey) => {
    const n = report.targets.find((t) => t.key === k)?.instances ?? 1;
    return n > 1 ? `${TARGET_NAMES[k]} ×${n}` : TARGET_NAMES[k];
  };
  const header = ['Scenario', ...keys.map((k) => `${name(k)} req/s (p50 / p99 ms)`), ...ratioKeys.map((k) => `${name(k)} ÷ ceiling`)];
  lines.push(`| ${header.join(' | ')} |`);
  lines.push(`| ${header.map(() => '---').join(' | ')} |`);
  for (const s of report.scenarios) {
    if (!report.targets.some((t) => t.scenarios[s])) continue; // not run (--scenarios)
    const cells = report.targets.map((t) => {
      const r = t.scenarios[s];
      if (!r) return '–';
      return `${f0(r.rps)} (${f1(r.p50)} / ${f1(r.p99)})${r.errors ? ` ⚠ ${r.errors} errors` : ''}`;
    });
    const ratios = ratioKeys.map((k) => f2(ratio(report, k, s)));
    lines.push(`| ${s} | ${[...cells, ...ratios].join(' | ')} |`);
  }
  lines.push(`| peak RSS (MB) | ${[...report.targets.map((t) => f0(t.peakRssMb)), ...ratioKeys.map(() => '')].join(' | ')} |`);
  return lines.join('\n') + '\n';
}
