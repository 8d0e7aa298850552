/**
 * A small blog client on generated types (`plinth.d.ts`, from schema.json): sign up, log in, write a post
 * with a cover image, comment, list with typed expand and filters, follow realtime events, file URLs.
 * Run: `npx tsx examples/blog/app.ts http://127.0.0.1:8090` against a server with schema.json imported.
 */
import { createClient, MemoryAuthStore, type RealtimeEvent } from '@plinth/sdk';
import type { PostsRecord, Schema } from './plinth.js';

// 1x1 transparent PNG.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

export async function main(url: string) {
  const pb = createClient<Schema>(url, { authStore: new MemoryAuthStore() });
  const email = `writer${Date.now()}@example.com`;
  await pb.collection('users').create({ email, password: 'writer-pass-1', passwordConfirm: 'writer-pass-1', name: 'Writer' });
  const { record: me } = await pb.collection('users').authWithPassword(email, 'writer-pass-1');

  const events: RealtimeEvent<PostsRecord>[] = [];
  const stop = await pb.collection('posts').subscribe('*', (e) => events.push(e));

  const post = await pb.collection('posts').create({
    title: 'Typed "hello" \\ world',
    status: 'draft',
    tags: ['tech'],
    author: me.id,
    cover: new File([PNG], 'cover.png', { type: 'image/png' }),
    meta: { readingMinutes: 3 },
    published: new Date('2026-01-02T03:04:05Z'),
  });
  await pb.collection('posts').update(post.id, { status: 'published', 'views+': 10, 'tags+': 'news' });
  await pb.collection('comments').create({ post: post.id, author: me.id, text: 'First!' });

  const page = await pb.collection('posts').list({
    filter: (f) => f.and(f.eq('status', 'published'), f.has('tags', 'news'), f.eq('title', 'Typed "hello" \\ world')),
    expand: ['author', 'comments_via_post.author'],
    sort: ['-created'],
  });
  const found = page.items[0];
  const summary = {
    title: found.title,
    views: found.views,
    tags: found.tags,
    author: found.expand?.author?.name,
    comments: found.expand?.comments_via_post?.map((c) => `${c.expand?.author?.name}: ${c.text}`) ?? [],
    coverThumb: pb.files.getURL(found, found.cover, { thumb: '100x100' }),
    published: found.published,
  };

  for (let i = 0; i < 100 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  await stop();
  return { summary, events: events.map((e) => `${e.action}:${e.record.status}`) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv[2] ?? 'http://127.0.0.1:8090').then((r) => console.log(JSON.stringify(r, null, 2)));
}
