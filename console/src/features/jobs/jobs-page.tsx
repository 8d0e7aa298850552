/** Jobs: queues with counts by state, the jobs of the chosen queue and state, a job's drawer, and the crons. */
import { useJobs, useQueues, isJobState } from '../../data/jobs/job-queries.js';
import { Page } from '../../ui/page.js';
import { QueryState } from '../../ui/query-state.js';
import { useSearchView } from '../../ui/search-view.js';
import { CronsTable } from './crons-table.js';
import { JobDrawer } from './job-drawer.js';
import { JobsTable } from './jobs-table.js';
import { JOBS_PER_PAGE, JOBS_VIEW } from './jobs-view.js';
import { QueuesTable } from './queues-table.js';

export function JobsPage() {
  const [view, update] = useSearchView(JOBS_VIEW);
  const state = isJobState(view.state) ? view.state : 'failed';
  const queues = useQueues();
  // The same query as the table's (shared cache): the drawer shows a job of the visible page.
  const jobs = useJobs(view.queue, state, view.page, JOBS_PER_PAGE);
  const opened = jobs.data?.items.find((j) => j.id === view.job);
  return (
    <Page title="Jobs">
      <QueryState query={queues} isEmpty={(d) => d.length === 0} empty="No queues yet: jobs appear here once something enqueues them.">
        {(list) => <QueuesTable queues={list} selected={view.queue} />}
      </QueryState>
      {view.queue ? (
        <JobsTable
          key={view.queue}
          queue={view.queue}
          state={state}
          page={view.page}
          counts={queues.data?.find((q) => q.name === view.queue)?.counts}
          onChange={(patch) => update({ job: '', ...patch })}
        />
      ) : (
        queues.data?.length ? <p className="muted">Pick a queue to see its jobs.</p> : null
      )}
      <CronsTable />
      {view.queue && view.job && jobs.isSuccess && <JobDrawer queue={view.queue} job={opened} onClose={() => update({ job: '' })} />}
    </Page>
  );
}
