/**
 * The client the generated-client test type-checks with tsc and then runs: plain openapi-fetch over the
 * types openapi-typescript generated from the live document (./schema.ts next to it). Kept as text because
 * it only compiles next to a generated schema.
 */
export const CLIENT_SOURCE = `
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

type Note = components['schemas']['notes'];
type Color = 'red' | 'green' | 'blue';

export async function run(baseUrl: string, token: string) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: token } });

  const created = await client.POST('/api/collections/notes/records', { body: { title: 'typed hello', count: 3, tags: ['red', 'blue'] } });
  if (!created.data) throw new Error('create failed: ' + JSON.stringify(created.error));
  const note: Note = created.data;
  const tags: Color[] = note.tags;
  const count: number = note.count;
  await client.POST('/api/collections/notes/records', { body: { title: 'untyped other' } });

  const listed = await client.GET('/api/collections/notes/records', { params: { query: { filter: 'title ~ "typed h"', sort: 'title', perPage: 10 } } });
  if (!listed.data) throw new Error('list failed: ' + JSON.stringify(listed.error));
  const titles: string[] = listed.data.items.map((n) => n.title);

  const removed = await client.DELETE('/api/collections/notes/records/{id}', { params: { path: { id: note.id } } });
  const after = await client.GET('/api/collections/notes/records', { params: { query: { filter: 'title ~ "typed h"' } } });
  return { id: note.id, tags, count, titles, totalItems: listed.data.totalItems, deleteStatus: removed.response.status, afterTotal: after.data?.totalItems };
}

/** Never called: each line must fail to compile, or tsc reports the unused @ts-expect-error. */
export function wrongCalls(client: ReturnType<typeof createClient<paths>>) {
  // @ts-expect-error count is a number field
  void client.POST('/api/collections/notes/records', { body: { title: 'x', count: 'three' } });
  // @ts-expect-error purple is not one of the select values
  void client.POST('/api/collections/notes/records', { body: { title: 'x', tags: ['purple'] } });
  // @ts-expect-error title is required on create
  void client.POST('/api/collections/notes/records', { body: { count: 1 } });
  // @ts-expect-error no such collection
  void client.GET('/api/collections/nothing/records');
}
`;

export const CLIENT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    // Only the libraries' own declarations are skipped: schema.ts and client.ts are checked.
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['*.ts'],
};
