/**
 * docker-compose.yml as Docker Compose itself reads it: `docker compose config` (no Docker engine needed)
 * resolves anchors, profiles and `.env` interpolation, and refuses a file that breaks the Compose spec. The
 * assertions then pin what the self-hosting docs promise: health checks, named volumes, the MongoDB profile on
 * a real `mongo` image, three replicas behind a load balancer, and every Plinth setting in `.env.example`.
 * CI (PLINTH_E2E_REQUIRED=1) builds the compose plugin when the machine lacks it (.ci/run), so there this must
 * run; elsewhere a missing plugin is reported loudly and the file is left unchecked.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');

interface Service {
  image?: string;
  build?: { dockerfile?: string };
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: { type: string; source: string; target: string }[];
  profiles?: string[];
  ports?: { target: number; published: string }[];
}
interface ComposeConfig {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** `docker compose` when the CLI has the plugin, else the plugin binary run on its own (same program). */
async function findCompose(): Promise<string[] | null> {
  const candidates = [['docker', 'compose'], ['docker-compose'], [join(homedir(), '.docker/cli-plugins/docker-compose')]];
  for (const [cmd, ...args] of candidates) {
    const works = await run(cmd, [...args, 'version'], { timeout: 30_000 }).then(() => true, () => false);
    if (works) return [cmd, ...args];
  }
  return null;
}

const compose = await findCompose();
if (!compose) {
  const message = 'docker compose is not installed: docker-compose.yml is NOT validated (.ci/run builds the plugin)';
  if (process.env.PLINTH_E2E_REQUIRED === '1') throw new Error(message);
  console.warn(`\n⚠ ${message}\n`);
}

async function composeConfig(...profiles: string[]): Promise<ComposeConfig> {
  const [cmd, ...args] = compose!;
  const profileArgs = profiles.flatMap((p) => ['--profile', p]);
  // An empty env file stands in for the user's `.env`, so the defaults in the file are what gets checked.
  const { stdout } = await run(cmd, [...args, '-f', 'docker-compose.yml', '--env-file', '/dev/null', ...profileArgs, 'config', '--format', 'json'], {
    cwd: root,
    timeout: 60_000,
    maxBuffer: 8 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ComposeConfig;
}

const namedVolumes = (service: Service) => (service.volumes ?? []).filter((v) => v.type === 'volume').map((v) => v.source);

/** Every environment variable the server's code reads, by name. */
function settingsReadByServer(dir = join(root, 'server/src')): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) for (const n of settingsReadByServer(path)) names.add(n);
    else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts')) {
      for (const m of readFileSync(path, 'utf8').matchAll(/\b(PLINTH_[A-Z_]*[A-Z]|DATABASE_URL|REDIS_URL)\b/g)) names.add(m[1]);
    }
  }
  return names;
}

describe.runIf(compose)('docker-compose.yml', () => {
  it('starts Plinth, PostgreSQL and Redis by default, each with a health check and a named volume', async () => {
    const config = await composeConfig();
    expect(Object.keys(config.services).sort()).toEqual(['plinth', 'postgres', 'redis']);
    const { plinth, postgres, redis } = config.services;
    expect(plinth.build?.dockerfile).toBe('deploy/Dockerfile');
    expect(plinth.environment).toMatchObject({
      DATABASE_URL: 'postgres://plinth:plinth@postgres:5432/plinth',
      REDIS_URL: 'redis://redis:6379',
      PLINTH_HTTP: '0.0.0.0:8090',
    });
    expect(plinth.depends_on).toEqual({
      postgres: expect.objectContaining({ condition: 'service_healthy' }),
      redis: expect.objectContaining({ condition: 'service_healthy' }),
    });
    expect(plinth.healthcheck?.test?.join(' ')).toContain('/api/health/ready');
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(redis.image).toMatch(/^redis:\d+/);
    for (const service of [plinth, postgres, redis]) {
      expect(service.healthcheck?.test?.length).toBeGreaterThan(0);
      expect(namedVolumes(service)).toHaveLength(1);
    }
    expect(Object.keys(config.volumes ?? {})).toEqual(expect.arrayContaining([...namedVolumes(plinth), ...namedVolumes(postgres), ...namedVolumes(redis)]));
  });

  it('runs three Plinth replicas behind nginx with the "scale" profile', async () => {
    const config = await composeConfig('scale');
    const replicas = Object.entries(config.services).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');
    expect(replicas.map(([name]) => name).sort()).toEqual(['plinth', 'plinth-2', 'plinth-3']);
    // One database and one Redis for all, and a volume of their own each.
    expect(new Set(replicas.map(([, s]) => s.environment?.DATABASE_URL)).size).toBe(1);
    expect(new Set(replicas.map(([, s]) => s.environment?.REDIS_URL)).size).toBe(1);
    expect(new Set(replicas.flatMap(([, s]) => namedVolumes(s))).size).toBe(3);
    const lb = config.services.loadbalancer;
    expect(lb.image).toMatch(/^nginx:/);
    expect(lb.volumes?.some((v) => v.source.endsWith('deploy/nginx.conf'))).toBe(true);
    expect(Object.keys(lb.depends_on ?? {}).sort()).toEqual(['plinth', 'plinth-2', 'plinth-3']);
    const upstreams = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8');
    for (const [name] of replicas) expect(upstreams).toContain(`${name}:8090`);
  });

  it('runs Plinth on a real MongoDB image with the "mongo" profile', async () => {
    const config = await composeConfig('mongo');
    expect(config.services.mongo.image).toMatch(/^mongo:\d+/);
    const plinthMongo = config.services['plinth-mongo'];
    expect(plinthMongo.environment?.DATABASE_URL).toMatch(/^mongodb:\/\/mongo:27017\/.*replicaSet=/);
    expect(plinthMongo.depends_on?.['mongo-init']?.condition).toBe('service_completed_successfully');
  });

  it('lists every setting the server reads in .env.example, and .env.example values reach the container', async () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const testOnly = (name: string) => name.startsWith('PLINTH_TEST_') || name.endsWith('_');
    const missing = [...settingsReadByServer()].filter((name) => !testOnly(name) && !listed.has(name));
    expect(missing).toEqual([]);

    const [cmd, ...args] = compose!;
    const { stdout } = await run(cmd, [...args, '-f', 'docker-compose.yml', '--env-file', '.env.example', 'config', '--format', 'json'], { cwd: root, timeout: 60_000 });
    const withExample = JSON.parse(stdout) as ComposeConfig;
    expect(withExample.services.plinth.ports?.[0]).toMatchObject({ target: 8090, published: '8090' });
    expect(withExample.services.plinth.environment?.PLINTH_LOG_LEVEL).toBe('info');
  });
});

describe('deploy/ files the compose file and the docs refer to', () => {
  it('exist', () => {
    for (const file of ['deploy/Dockerfile', 'deploy/nginx.conf', '.env.example', 'deploy/k8s/kustomization.yaml']) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
  });
});
