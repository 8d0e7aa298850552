/** Request logs: one page (server-side filter, sort and paging), one entry, and hourly counts for the same filter. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useClient } from '../../app/client-context.js';

export interface LogListParams {
  filter: string;
  sort: string;
  page: number;
  perPage: number;
}

export const logKeys = {
  all: ['logs'] as const,
  list: (p: LogListParams) => ['logs', 'list', p] as const,
  one: (id: string) => ['logs', 'one', id] as const,
  stats: (filter: string) => ['logs', 'stats', filter] as const,
};

export function useLogList(params: LogListParams) {
  const client = useClient();
  return useQuery({
    queryKey: logKeys.list(params),
    queryFn: ({ signal }) =>
      client.logs.list({ page: params.page, perPage: params.perPage, sort: params.sort || undefined, filter: params.filter.trim() || undefined, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useLog(id: string) {
  const client = useClient();
  return useQuery({
    queryKey: logKeys.one(id),
    enabled: !!id,
    queryFn: ({ signal }) => client.logs.getOne(id, { signal }),
  });
}

export function useLogStats(filter: string) {
  const client = useClient();
  return useQuery({
    queryKey: logKeys.stats(filter.trim()),
    queryFn: ({ signal }) => client.logs.stats({ filter: filter.trim() || undefined, signal }),
    placeholderData: keepPreviousData,
  });
}
