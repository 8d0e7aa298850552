import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isPlinthError } from '@plinth/sdk';
import { fakeClient, wrapper } from '../../test/render-with-client.js';
import { useRecordList } from './record-queries.js';
import { useDeleteRecords } from './record-mutations.js';

const page = (items: object[]) => ({ page: 1, perPage: 20, totalItems: items.length, totalPages: 1, items });

describe('record data hooks', () => {
  it('lists a page through the SDK with paging, sort and filter in the query', async () => {
    const { client, seen } = fakeClient((req) => (req.url.pathname === '/api/collections/posts/records' ? { body: page([{ id: 'a1', title: 'Hi' }]) } : undefined));
    const { result } = renderHook(() => useRecordList('posts', { page: 2, perPage: 50, sort: '-views', filter: ' views > 1 ' }), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.items).toEqual([{ id: 'a1', title: 'Hi' }]);
    const q = seen[0]!.url.searchParams;
    expect([q.get('page'), q.get('perPage'), q.get('sort'), q.get('filter')]).toEqual(['2', '50', '-views', 'views > 1']);
  });

  it('leaves an empty filter and sort out of the request', async () => {
    const { client, seen } = fakeClient(() => ({ body: page([]) }));
    const { result } = renderHook(() => useRecordList('posts', { page: 1, perPage: 20, sort: '', filter: '  ' }), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(seen[0]!.url.searchParams.has('filter')).toBe(false);
    expect(seen[0]!.url.searchParams.has('sort')).toBe(false);
  });

  it("surfaces a bad filter as the server's 400 error (for the inline message)", async () => {
    const { client } = fakeClient(() => ({ status: 400, body: { status: 400, message: 'Invalid filter: unknown field "nope".', data: {} } }));
    const { result } = renderHook(() => useRecordList('posts', { page: 1, perPage: 20, sort: '', filter: 'nope = 1' }), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(isPlinthError(result.current.error) && result.current.error.status).toBe(400);
    expect(result.current.error?.message).toContain('unknown field');
  });

  it('bulk-deletes in one batch, and one by one when batch requests are disabled', async () => {
    const batch = fakeClient((req) => (req.url.pathname === '/api/batch' ? { body: [{ status: 204, body: null }, { status: 204, body: null }] } : undefined));
    const a = renderHook(() => useDeleteRecords('posts'), { wrapper: wrapper(batch.client) });
    await a.result.current.mutateAsync(['r1', 'r2']);
    expect(batch.seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['POST /api/batch']);

    const noBatch = fakeClient((req) =>
      req.url.pathname === '/api/batch' ? { status: 403, body: { status: 403, message: 'Batch requests are not allowed.', data: {} } } : req.method === 'DELETE' ? { status: 204 } : undefined,
    );
    const b = renderHook(() => useDeleteRecords('posts'), { wrapper: wrapper(noBatch.client) });
    await b.result.current.mutateAsync(['r1', 'r2']);
    expect(noBatch.seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/batch',
      'DELETE /api/collections/posts/records/r1',
      'DELETE /api/collections/posts/records/r2',
    ]);
  });
});
