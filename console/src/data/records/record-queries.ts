/** Record reads: one page of a collection with server-side paging, sort and filter. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useClient } from '../../app/client-context.js';
import { recordKeys, type RecordListParams } from './record-keys.js';

export function useRecordList(collection: string, params: RecordListParams) {
  const client = useClient();
  return useQuery({
    queryKey: recordKeys.list(collection, params),
    queryFn: ({ signal }) =>
      client.collection(collection).list({
        page: params.page,
        perPage: params.perPage,
        sort: params.sort || undefined,
        filter: params.filter.trim() || undefined,
        signal,
      }),
    // Paging and typing a filter keep the old rows on screen instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
}

/** Records to pick from in a relation input: a text search over the given fields. */
export function useRecordSearch(collection: string, q: string, fields: string[]) {
  const client = useClient();
  return useQuery({
    queryKey: recordKeys.search(collection, q),
    enabled: !!collection,
    queryFn: ({ signal }) => {
      const terms = q.trim() ? ['id', ...fields].map((f) => `${f} ~ {:q}`).join(' || ') : '';
      return client.collection(collection).list({ perPage: 20, filter: terms ? client.filter(terms, { q: q.trim() }) : undefined, signal });
    },
  });
}

/** One record (the side panel opens from a link too, so it cannot rely on the current page). */
export function useRecord(collection: string, id: string) {
  const client = useClient();
  return useQuery({
    queryKey: [...recordKeys.collection(collection), 'one', id],
    enabled: !!id,
    queryFn: ({ signal }) => client.collection(collection).getOne(id, { signal }) as Promise<Record<string, unknown>>,
  });
}
