/** Job queues, the jobs of one queue by state, and cron schedules (all polled: workers change them in the background). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { JobState } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';

export const jobKeys = {
  all: ['jobs'] as const,
  queues: ['jobs', 'queues'] as const,
  list: (queue: string, state: JobState, page: number, perPage: number) => ['jobs', 'list', queue, state, page, perPage] as const,
  crons: ['jobs', 'crons'] as const,
};

export const JOB_STATES: readonly JobState[] = ['waiting', 'active', 'delayed', 'completed', 'failed'];

export const isJobState = (s: string): s is JobState => (JOB_STATES as readonly string[]).includes(s);

export function useQueues() {
  const client = useClient();
  return useQuery({
    queryKey: jobKeys.queues,
    queryFn: ({ signal }) => client.jobs.queues({ signal }),
    refetchInterval: 5_000,
  });
}

export function useJobs(queue: string, state: JobState, page: number, perPage: number) {
  const client = useClient();
  return useQuery({
    queryKey: jobKeys.list(queue, state, page, perPage),
    enabled: !!queue,
    queryFn: ({ signal }) => client.jobs.list(queue, { state, page, perPage, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

export function useCrons() {
  const client = useClient();
  return useQuery({
    queryKey: jobKeys.crons,
    queryFn: ({ signal }) => client.crons.list({ signal }),
  });
}
