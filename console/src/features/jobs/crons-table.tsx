/** Cron schedules with their expression, next run (UTC schedule shown in local time) and "Run now". */
import { useState } from 'react';
import { useCrons } from '../../data/jobs/job-queries.js';
import { useRunCron } from '../../data/jobs/job-mutations.js';
import { errorMessage } from '../../ui/error-message.js';
import { QueryState } from '../../ui/query-state.js';
import { nextRun } from './cron-next.js';

export function CronsTable() {
  const crons = useCrons();
  const run = useRunCron();
  const [started, setStarted] = useState<string[]>([]);
  const now = new Date();
  return (
    <section className="card stack" aria-label="Crons">
      <h2>Crons</h2>
      <QueryState query={crons} isEmpty={(d) => d.length === 0} empty="No cron schedules.">
        {(list) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Cron</th>
                  <th>Schedule (UTC)</th>
                  <th>Next run</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {list.map((c) => {
                  const next = nextRun(c.expression, now);
                  return (
                    <tr key={c.id}>
                      <td className="mono">{c.id}</td>
                      <td className="mono">{c.expression}</td>
                      <td>{next ? <time dateTime={next.toISOString()}>{next.toLocaleString()}</time> : '—'}</td>
                      <td className="actions">
                        {started.includes(c.id) && <span className="ok-text">Started </span>}
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={run.isPending && run.variables === c.id}
                          onClick={() => run.mutate(c.id, { onSuccess: () => setStarted((s) => [...s.filter((x) => x !== c.id), c.id]) })}
                        >
                          Run now
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {run.isError && (
        <p className="field-error" role="alert">
          {errorMessage(run.error)}
        </p>
      )}
    </section>
  );
}
