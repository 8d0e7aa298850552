/** Every queue with its counts by state; a count links to that queue's jobs in that state. */
import { Link } from 'react-router';
import type { QueueCounts } from '@plinth/sdk';
import { JOB_STATES } from '../../data/jobs/job-queries.js';

export function QueuesTable({ queues, selected }: { queues: QueueCounts[]; selected: string }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Queues">
        <thead>
          <tr>
            <th>Queue</th>
            {JOB_STATES.map((s) => (
              <th key={s}>{s}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.name} className={q.name === selected ? 'selected' : undefined}>
              <td className="mono">
                <Link to={`?queue=${encodeURIComponent(q.name)}`}>{q.name}</Link>
              </td>
              {JOB_STATES.map((s) => (
                <td key={s}>
                  <Link
                    to={`?${new URLSearchParams({ queue: q.name, state: s })}`}
                    className={'count-link' + (s === 'failed' && q.counts[s] ? ' danger-text' : '')}
                    aria-label={`${q.counts[s] ?? 0} ${s} in ${q.name}`}
                  >
                    {q.counts[s] ?? 0}
                  </Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
