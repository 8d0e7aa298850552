/**
 * Load generation. autocannon (a root devDependency) when it is installed; otherwise a small built-in
 * closed-loop generator with the same shape (N keep-alive connections, each sending its next request as soon
 * as the previous answer arrived), so the benchmark and its CI mode never depend on an optional tool.
 * Both report per-request latency percentiles over the measured window only.
 */
import { Agent, request } from 'node:http';
import type { BenchRequest } from './bench-config.js';

export interface LoadSpec {
  url: string;
  connections: number;
  durationSec: number;
  next(): BenchRequest;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  /** Every measured request's latency in ms, ascending, so that runs can be combined exactly (not reported). */
  latencies?: number[];
}

export type Runner = (spec: LoadSpec) => Promise<LoadResult>;

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
type Autocannon = (opts: Record<string, unknown>, done: (err: unknown, result: AutocannonResult) => void) => AutocannonInstance;

async function loadAutocannon(): Promise<Autocannon | null> {
  try {
    const mod = (await import('autocannon' as string)) as { default: Autocannon };
    return mod.default;
  } catch {
    return null;
  }
}

function autocannonRunner(autocannon: Autocannon): Runner {
  return async (spec) => {
    const latencies: number[] = [];
    const result = await new Promise<AutocannonResult>((resolve, reject) => {
      const instance = autocannon(
        {
          url: spec.url,
          connections: spec.connections,
          duration: spec.durationSec,
          headers: { 'content-type': 'application/json' },
          requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, ...spec.next() }) }],
        },
        (err, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
      );
      instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    });
    latencies.sort((a, b) => a - b);
    return {
      requests: result.requests.total,
      rps: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      latencies,
    };
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function send(agent: Agent, base: URL, req: BenchRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(
      { agent, host: base.hostname, port: base.port, method: req.method, path: req.path, headers: req.body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    r.once('error', reject);
    r.end(req.body);
  });
}

const builtinRunner: Runner = async (spec) => {
  const base = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + spec.durationSec * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const status = await send(agent, base, spec.next());
        if (status < 200 || status >= 300) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, latencies };
};

/** The runner to use and its name for the report. `prefer`: 'builtin' forces the fallback. */
export async function loadRunner(prefer?: 'autocannon' | 'builtin'): Promise<{ name: string; run: Runner }> {
  if (prefer !== 'builtin') {
    const autocannon = await loadAutocannon();
    if (autocannon) return { name: 'autocannon', run: autocannonRunner(autocannon) };
    if (prefer === 'autocannon') throw new Error('autocannon is not installed (a root devDependency: pnpm install)');
  }
  return { name: 'built-in closed-loop generator (autocannon not installed)', run: builtinRunner };
}

/**
 * The same load spread over several servers of one target: connections split evenly, one generator per server,
 * run at once. Rates add up; the latency percentiles are those of all their requests together.
 */
export async function runSpread(run: Runner, urls: string[], spec: Omit<LoadSpec, 'url'>): Promise<LoadResult> {
  if (urls.length === 1) return run({ ...spec, url: urls[0] });
  const share = (i: number) => Math.floor(spec.connections / urls.length) + (i < spec.connections % urls.length ? 1 : 0);
  const parts = await Promise.all(urls.map((url, i) => run({ ...spec, url, connections: Math.max(1, share(i)) })));
  return {
    ...mergedLatencies(parts),
    requests: parts.reduce((n, p) => n + p.requests, 0),
    rps: parts.reduce((n, p) => n + p.rps, 0),
    errors: parts.reduce((n, p) => n + p.errors, 0),
  };
}

/**
 * The percentiles of several runs together: exact from their latencies when every run kept them, otherwise the
 * worst run's (conservative).
 */
function mergedLatencies(runs: LoadResult[]): Pick<LoadResult, 'p50' | 'p99' | 'latencies'> {
  if (runs.some((r) => !r.latencies)) return { p50: Math.max(...runs.map((r) => r.p50)), p99: Math.max(...runs.map((r) => r.p99)) };
  const latencies = runs.flatMap((r) => r.latencies as number[]).sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), latencies };
}

/** One target's rounds of one scenario as one measurement: the rate over the summed time, percentiles over all. */
export function combineRounds(rounds: LoadResult[]): LoadResult {
  if (rounds.length === 1) return rounds[0];
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + (r.rps > 0 ? r.requests / r.rps : 0), 0);
  return {
    ...mergedLatencies(rounds),
    requests,
    rps: seconds > 0 ? requests / seconds : 0,
    errors: rounds.reduce((n, r) => n + r.errors, 0),
  };
}
