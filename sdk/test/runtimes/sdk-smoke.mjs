// Runs under Node, Deno and Bun against a real Plinth (runtimes.test.ts copies it next to the built SDK):
// password auth, CRUD with the filter builder, a Blob upload read back through its URL, one realtime create
// event. Prints one JSON line of what it saw; the test asserts on it. Args: URL EMAIL PASSWORD COLLECTION.
import { createClient, MemoryAuthStore } from './sdk/index.js';

const [url, email, password, name] = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const runtime = globalThis.Deno ? `deno ${Deno.version.deno}` : globalThis.Bun ? `bun ${Bun.version}` : `node ${process.versions.node}`;

function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const pb = createClient(url, { authStore: new MemoryAuthStore() });
const auth = await pb.collection('users').authWithPassword(email, password);
const notes = pb.collection(name);

const created = await notes.create({ title: `hello from ${runtime}`, n: 1, owner: auth.record.id });
await notes.create({ title: 'other', n: 99, owner: auth.record.id });
const listed = await notes.list({ filter: (f) => f.and(f.like('title', 'hello'), f.lt('n', 10)), sort: 'title' });
const updated = await notes.update(created.id, { n: 2 });

const withFile = await notes.update(created.id, { doc: new Blob([`bytes from ${runtime}`], { type: 'text/plain' }) });
const fileRes = await fetch(pb.files.getURL(withFile, withFile.doc));
const fileText = await fileRes.text();

const events = [];
let gotCreate;
const received = new Promise((resolve) => (gotCreate = resolve));
const unsubscribe = await notes.subscribe('*', (e) => {
  events.push({ action: e.action, title: e.record.title });
  if (e.action === 'create') gotCreate();
});
const connectedWhileSubscribed = pb.realtime.isConnected;
const live = await notes.create({ title: 'live', n: 3, owner: auth.record.id });
await within(60_000, 'the realtime create event', received);
await unsubscribe();

await notes.delete(live.id);
await notes.delete(created.id);
const remaining = await notes.list({ filter: (f) => f.like('title', 'hello') });

console.log(
  JSON.stringify({
    runtime,
    eventSource: typeof globalThis.EventSource === 'function',
    authedAs: pb.authStore.record?.email,
    listed: listed.items.map((r) => r.title),
    updatedN: updated.n,
    file: { name: withFile.doc, status: fileRes.status, text: fileText },
    connectedWhileSubscribed,
    events,
    connectedAfterUnsubscribe: pb.realtime.isConnected,
    remaining: remaining.totalItems,
  }),
);
