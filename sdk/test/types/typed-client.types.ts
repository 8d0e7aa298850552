/**
 * Compile-time tests (checked by `tsc --noEmit -p .`, part of `pnpm test`; never executed): every line
 * marked `@ts-expect-error` must fail to compile, everything else must compile.
 */
import { createClient, filterBuilder, type CollectionDef } from '../../src/index.js';
import type { PostsRecord, Schema } from '../../examples/blog/plinth.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_?: T) => undefined;

const pb = createClient<Schema>('http://localhost:8090');
const posts = pb.collection('posts');

export async function records() {
  // @ts-expect-error unknown collection
  pb.collection('nope');

  const post = await posts.getOne('id');
  assertType<Equal<typeof post.status, 'draft' | 'published'>>();
  assertType<Equal<typeof post.tags, Array<'news' | 'tech' | 'life'>>>();
  assertType<Equal<typeof post.author, string>>();
  assertType<Equal<typeof post.attachments, string[]>>();
  assertType<Equal<typeof post.views, number>>();
  assertType<Equal<typeof post.collectionName, 'posts'>>();
  // @ts-expect-error no such field
  post.nope;
  // @ts-expect-error not expanded
  post.expand;

  await posts.create({ title: 'x', status: 'draft', published: new Date(), cover: new Blob(['x']), meta: { a: [1, null] } });
  // @ts-expect-error title and status are required
  await posts.create({ body: 'x' });
  // @ts-expect-error not a status value
  await posts.create({ title: 'x', status: 'archived' });
  // @ts-expect-error wrong value type
  await posts.create({ title: 1, status: 'draft' });
  // @ts-expect-error unknown field
  await posts.create({ title: 'x', status: 'draft', nope: 1 });
  // @ts-expect-error a function is not JSON
  await posts.create({ title: 'x', status: 'draft', meta: () => 1 });

  await posts.update('id', { 'views+': 1, 'tags+': 'news', '+tags': ['tech'], 'tags-': 'life', 'attachments-': ['a.png'], 'slug:autogenerate': 'p-' });
  // @ts-expect-error text fields have no `+` modifier
  await posts.update('id', { 'title+': 'x' });
  // @ts-expect-error tags holds only known values
  await posts.update('id', { 'tags+': 'sport' });
  // @ts-expect-error autodate fields are not writable
  await posts.update('id', { created: '2020-01-01' });
}

export async function expandAndFields() {
  const r = await posts.getOne('id', { expand: ['author', 'comments_via_post.author'] });
  assertType<Equal<typeof r.expand, undefined | { author?: Schema['users']['record']; comments_via_post?: (Schema['comments']['record'] & { expand?: { author?: Schema['users']['record'] } })[] }>>();
  const name: string | undefined = r.expand?.comments_via_post?.[0]?.expand?.author?.name;
  void name;
  // @ts-expect-error `post` of a comment was not expanded
  r.expand?.comments_via_post?.[0]?.expand?.post;
  // @ts-expect-error not a relation
  await posts.getOne('id', { expand: 'title' });
  // @ts-expect-error unknown nested relation
  await posts.list({ expand: ['author.nope'] });

  const single = await posts.getOne('id', { expand: 'author' });
  void single.expand?.author?.email;

  const slim = await posts.getOne('id', { fields: ['id', 'title'] });
  assertType<Equal<typeof slim, Pick<PostsRecord, 'id' | 'title'>>>();
  // @ts-expect-error not in the projection
  slim.views;
  // @ts-expect-error unknown field in the projection
  await posts.getOne('id', { fields: ['id', 'nope'] });
  const excerpt = await posts.getOne('id', { fields: ['id', 'body:excerpt(100,true)'] });
  void excerpt.body;
  const everything = await posts.getOne('id', { fields: ['*'] });
  void everything.views;
}

export async function filtersAndSort() {
  await posts.list({
    filter: (f) => f.and(f.eq('status', 'published'), f.gt('views', 10), f.has('tags', 'news'), f.eq('author.name', 'Ann'), f.eq('title:lower', 'x'), f.gte('published', new Date())),
    sort: ['-created', 'title', 'author.name', '@random'],
  });
  // @ts-expect-error unknown field
  await posts.list({ filter: (f) => f.eq('nope', 1) });
  // @ts-expect-error views is a number
  await posts.list({ filter: (f) => f.eq('views', 'ten') });
  // @ts-expect-error not a status value
  await posts.list({ filter: (f) => f.eq('status', 'archived') });
  // @ts-expect-error not a tag value
  await posts.list({ filter: (f) => f.has('tags', 'sport') });
  // @ts-expect-error :length compares with numbers
  await posts.list({ filter: (f) => f.eq('tags:length', 'x') });
  // @ts-expect-error unknown sort field
  await posts.list({ sort: '-nope' });
  await posts.list({ filter: 'title ~ "raw strings still work"' });
  await posts.list({ filter: pb.filter('title = {:t}', { t: 'bound' }) });
  const f = filterBuilder<PostsRecord>();
  // @ts-expect-error unknown field
  f.lt('nope', 1);
}

export async function authAndViews() {
  await pb.collection('users').authWithPassword('a@b.c', 'pw');
  await pb.collection('_superusers').authWithOTP('otp', '123456', { mfaId: 'm' });
  // @ts-expect-error posts is not an auth collection
  await posts.authWithPassword('a', 'b');
  // @ts-expect-error auth create needs passwordConfirm
  await pb.collection('users').create({ email: 'a@b.c', password: 'x' });

  type ViewSchema = Schema & {
    stats: { type: 'view'; record: { id: string; collectionId: string; collectionName: 'stats'; total: number }; create: never; update: never; relations: {} };
  };
  const v = createClient<ViewSchema>('http://x').collection('stats');
  const s = await v.getOne('id');
  assertType<Equal<typeof s.total, number>>();
  // @ts-expect-error views are read-only
  v.create;
  const def: CollectionDef = {} as ViewSchema['stats'];
  void def;
}

export async function batchAndUntyped() {
  const b = pb.batch();
  b.collection('posts').create({ title: 'x', status: 'draft' });
  // @ts-expect-error title and status are required
  b.collection('posts').create({});
  // @ts-expect-error unknown collection
  b.collection('nope');

  const loose = createClient('http://x');
  const any = await loose.collection('whatever').getOne('id', { expand: 'rel.sub' });
  void any.someField;
  await loose.collection('users').authWithPassword('a', 'b');
}
