/**
 * Realtime fan-out: SSE subscribers (1,000; 200 with --short) connected to one Plinth, all on `posts/*`, while
 * 8 writers create records. Reports messages delivered per second and record events fully fanned
 * out per second. Guests share one audience, so each event costs one rule check (realtime-access.ts batches
 * checks per distinct audience); a second run gives every tenth subscriber its own auth (100 audiences).
 */
import { request } from 'node:http';
import { printSummary, round, SHORT, startBenchPlinth, waitUntil, type BenchPlinth } from './bench-plinth.js';

const SUBSCRIBERS = SHORT ? 200 : 1000;
const EVENTS = SHORT ? 30 : 200;
const AUTHED_EVERY = 10;
const WRITERS = 8;

interface Subscriber {
  received: number;
  close(): void;
}

/** Opens one SSE stream, waits for PB_CONNECT, subscribes to `posts/*` with the given token. */
function subscribe(b: BenchPlinth, token: string | undefined): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const req = request(`${b.url}/api/realtime`, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      let tail = '';
      let clientId = '';
      const sub: Subscriber = { received: 0, close: () => req.destroy() };
      res.on('data', (chunk: string) => {
        const text = tail + chunk;
        if (!clientId) {
          const m = /id:(\w+)\nevent:PB_CONNECT/.exec(text);
          if (m) {
            clientId = m[1];
            b.api('POST', '/api/realtime', { clientId, subscriptions: ['posts/*'] }, token).then(() => resolve(sub), reject);
          }
        }
        sub.received += text.split('event:posts/*\n').length - 1;
        tail = text.slice(-16);
        // A marker cut in two would be counted again with the tail: drop what was already counted.
        const at = tail.lastIndexOf('event:posts/*\n');
        if (at >= 0) tail = tail.slice(at + 1);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function run(b: BenchPlinth, authed: boolean) {
  const tokens: (string | undefined)[] = [];
  if (authed) {
    for (let i = 0; i < SUBSCRIBERS / AUTHED_EVERY; i++) {
      const email = `fan${i}-${Date.now()}@bench.test`;
      await b.api('POST', '/api/collections/users/records', { email, password: 'bench-pass-1', passwordConfirm: 'bench-pass-1' });
      const auth = await b.api<{ token: string }>('POST', '/api/collections/users/auth-with-password', { identity: email, password: 'bench-pass-1' }, '');
      tokens.push(auth.token);
    }
  }
  const subs: Subscriber[] = [];
  for (let i = 0; i < SUBSCRIBERS; i += 50) {
    const batch = Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, (_, j) => subscribe(b, authed && (i + j) % AUTHED_EVERY === 0 ? tokens[(i + j) / AUTHED_EVERY] : undefined));
    subs.push(...(await Promise.all(batch)));
  }
  const expected = SUBSCRIBERS * EVENTS;
  const total = () => subs.reduce((n, s) => n + s.received, 0);
  const started = performance.now();
  // A few writers in parallel, so that fan-out rather than one writer's round trips sets the pace.
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < EVENTS) await b.api('POST', '/api/collections/posts/records', { title: `post ${next++}` });
    }),
  );
  const created = performance.now();
  await waitUntil(() => total() >= expected, 300_000, `${expected} deliveries`);
  const elapsed = (performance.now() - started) / 1000;
  for (const s of subs) s.close();
  await new Promise((r) => setTimeout(r, 500));
  return {
    audiences: authed ? SUBSCRIBERS / AUTHED_EVERY + 1 : 1,
    delivered: total(),
    seconds: round(elapsed, 2),
    createSeconds: round((created - started) / 1000, 2),
    messagesPerSec: round(total() / elapsed, 0),
    eventsFannedOutPerSec: round(EVENTS / elapsed, 1),
  };
}

const b = await startBenchPlinth({ realtimeLimits: { idleMs: 600_000, maxLifetimeMs: 3_600_000 } });
try {
  // A rule that needs a query per audience and event (not the empty "everyone" rule).
  await b.api('POST', '/api/collections', {
    name: 'posts',
    listRule: 'title != "" || @request.auth.id != ""',
    createRule: '',
    fields: [{ name: 'title', type: 'text' }],
  });
  const guests = await run(b, false);
  const mixed = await run(b, true);
  printSummary('realtime-fanout', { backend: b.backend, subscribers: SUBSCRIBERS, events: EVENTS, guests, mixed });
} finally {
  await b.close();
}
