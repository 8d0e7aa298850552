/**
 * Fault test: `kill -9` of a Plinth process (the CLI, embedded PGlite in a data dir) right after acknowledged
 * writes with a webhook subscribed, then a restart on the same data dir: every event is delivered, signed.
 * The receiver answers slowly at first so that most deliveries are still pending (in the outbox, queued or in
 * flight) when the process dies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startReceiver, type Receiver } from './webhook-receiver.js';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUPERUSER = { email: 'root@example.com', password: 'root-pass-1234' };

interface Child {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function serve(dataDir: string): Promise<Child> {
  // node itself with tsx's loader (not the tsx launcher, which runs the script in a grandchild that SIGKILL
  // would not reach): the killed pid is the Plinth process.
  const child = spawn(process.execPath, ['--import', 'tsx', join(serverDir, 'src/cli.ts'), 'serve', '--http', '127.0.0.1:0'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PLINTH_DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      PLINTH_SUPERUSER_EMAIL: SUPERUSER.email,
      PLINTH_SUPERUSER_PASSWORD: SUPERUSER.password,
      PLINTH_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((ok, fail) => {
    const onData = (d: Buffer) => {
      output += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) ok({ child, url: m[1], output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => fail(new Error('serve exited early:\n' + output)));
  });
}

async function superuserClient(url: string): Promise<PocketBase> {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  await pb.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
  return pb;
}

describe('webhooks survive kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plinth-webhook-crash-'));
  let receiver: Receiver;
  let running: Child | null = null;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    running?.child.kill('SIGKILL');
    await running?.exited;
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every acknowledged event after a crash and a restart', async () => {
    const first = await serve(dataDir);
    running = first;
    const pb = await superuserClient(first.url);
    await pb.settings.update({ webhooks: { allowPrivateTargets: true, retrySchedule: [0.5, 0.5, 1, 1, 2, 2], timeout: 20 } });
    await pb.collections.create({ name: 'orders', type: 'base', fields: [{ name: 'n', type: 'number' }] });
    const hook = await pb.collection('_webhooks').create({ name: 'crash', url: receiver.url + '/crash', events: ['orders.create'], enabled: true });
    // Slow answers keep most deliveries in flight when the process dies, even on a loaded machine.
    receiver.answer = () => ({ status: 200, delayMs: 8000 });

    // More events than an instance has delivery slots (32): with every slot held by a slow answer, some
    // deliveries have not even started when the process dies.
    const ids: string[] = [];
    for (let n = 0; n < 40; n++) ids.push((await pb.collection('orders').create({ n })).id);
    // Every write above was acknowledged; now the process dies without any chance to clean up.
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    running = null;
    const deliveredBeforeCrash = new Set(receiver.received.map((r) => r.json?.data?.record?.id)).size;
    expect(deliveredBeforeCrash).toBeLessThan(ids.length);

    receiver.answer = () => 200;
    const second = await serve(dataDir);
    running = second;
    const delivered = await eventually(
      'every event to be delivered after the restart',
      () => {
        const seen = new Set(receiver.received.map((r) => r.json?.data?.record?.id));
        return ids.every((id) => seen.has(id)) && seen;
      },
      90_000,
    );
    expect(ids.filter((id) => !delivered.has(id))).toEqual([]);
    for (const req of receiver.received) receiver.verify(req, hook.secret);
    // At-least-once, with one stable webhook-id per event: receivers can dedupe on it.
    const idsByRecord = new Map<string, Set<string>>();
    for (const req of receiver.received) {
      const set = idsByRecord.get(req.json.data.record.id) ?? new Set();
      set.add(String(req.headers['webhook-id']));
      idsByRecord.set(req.json.data.record.id, set);
    }
    expect([...idsByRecord.values()].every((s) => s.size === 1)).toBe(true);

    const pb2 = await superuserClient(second.url);
    const logged = await eventually('a delivered log row per event', async () => {
      const rows = await pb2.collection('_webhookDeliveries').getFullList({ filter: `webhook = "${hook.id}" && state = "delivered"` });
      return new Set(rows.map((r) => r.eventId)).size >= ids.length && rows;
    });
    expect(new Set(logged.map((r) => r.eventId)).size).toBe(ids.length);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    running = null;
  }, 240_000);
});
