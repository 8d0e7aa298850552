/** The jobs of one queue in one state (tabs), newest first, paged; a row opens the job's drawer. */
import type { JobState, QueueCounts } from '@plinth/sdk';
import { JOB_STATES, useJobs } from '../../data/jobs/job-queries.js';
import { Pager } from '../../ui/pager.js';
import { QueryState } from '../../ui/query-state.js';
import { JOBS_PER_PAGE, shortTime } from './jobs-view.js';

export function JobsTable({
  queue,
  state,
  page,
  counts,
  onChange,
}: {
  queue: string;
  state: JobState;
  page: number;
  counts?: QueueCounts['counts'];
  onChange(patch: { state?: JobState; page?: number; job?: string }): void;
}) {
  const jobs = useJobs(queue, state, page, JOBS_PER_PAGE);
  return (
    <section className="card stack" aria-label={`Jobs of ${queue}`}>
      <header className="page-header">
        <h2 className="mono">{queue}</h2>
        <div className="segmented" role="group" aria-label="Job state">
          {JOB_STATES.map((s) => (
            <button key={s} type="button" className="btn btn-small" aria-pressed={s === state} onClick={() => onChange({ state: s, page: 1 })}>
              {s} <span className="muted">{counts?.[s] ?? 0}</span>
            </button>
          ))}
        </div>
      </header>
      <QueryState query={jobs} isEmpty={(d) => d.items.length === 0 && page === 1} empty={`No ${state} jobs in this queue.`}>
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Job</th>
                    <th>Created</th>
                    <th>Finished</th>
                    <th>Attempts</th>
                    <th>Error</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((j) => (
                    <tr key={j.id} className="clickable" tabIndex={0} onClick={() => onChange({ job: j.id })} onKeyDown={(e) => e.key === 'Enter' && onChange({ job: j.id })}>
                      <td className="mono ellipsis">{j.id}</td>
                      <td>{shortTime(j.createdAt)}</td>
                      <td>{shortTime(j.finishedAt)}</td>
                      <td>{j.attempts}</td>
                      <td className="ellipsis danger-text">{j.error ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              summary={<>Page {page}{jobs.isFetching && ' · refreshing…'}</>}
              page={page}
              hasNext={data.items.length === JOBS_PER_PAGE}
              onPage={(p) => onChange({ page: p })}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
