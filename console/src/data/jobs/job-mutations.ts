import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlinthClient } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';
import { jobKeys } from './job-queries.js';

/** Every job action changes counts and lists: all job queries refresh after it. */
function useJobAction<V>(action: (client: PlinthClient, vars: V) => Promise<void>) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: V) => action(client, vars),
    onSuccess: () => qc.invalidateQueries({ queryKey: jobKeys.all }),
  });
}

type JobRef = { queue: string; id: string };

export const useRetryJob = () => useJobAction<JobRef>((client, { queue, id }) => client.jobs.retry(queue, id));

export const useRemoveJob = () => useJobAction<JobRef>((client, { queue, id }) => client.jobs.delete(queue, id));

/** Runs a cron's job now; it shows up in its queue. */
export const useRunCron = () => useJobAction<string>((client, id) => client.crons.run(id));
