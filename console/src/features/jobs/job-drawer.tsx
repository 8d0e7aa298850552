/** One job: payload, error and stack; retry (failed jobs) and remove (asks first). */
import type { JobInfo } from '@plinth/sdk';
import { useRemoveJob, useRetryJob } from '../../data/jobs/job-mutations.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { Drawer } from '../../ui/drawer.js';
import { errorMessage } from '../../ui/error-message.js';
import { shortTime } from './jobs-view.js';

export function JobDrawer({ queue, job, onClose }: { queue: string; job: JobInfo | undefined; onClose(): void }) {
  const retry = useRetryJob();
  const remove = useRemoveJob();
  const failure = retry.error ?? remove.error;
  return (
    <Drawer
      title={`Job ${job?.id ?? ''}`}
      onClose={onClose}
      footer={
        job && (
          <>
            {job.state === 'failed' && (
              <button type="button" className="btn btn-primary" disabled={retry.isPending} onClick={() => retry.mutate({ queue, id: job.id }, { onSuccess: onClose })}>
                {retry.isPending ? 'Retrying…' : 'Retry'}
              </button>
            )}
            <span className="spacer" />
            <ConfirmButton disabled={remove.isPending} onConfirm={() => remove.mutate({ queue, id: job.id }, { onSuccess: onClose })}>
              Remove job
            </ConfirmButton>
          </>
        )
      }
    >
      {!job ? (
        <p className="muted">This job is not in the list any more (it may have been retried, removed or moved to another state).</p>
      ) : (
        <div className="stack">
          <dl className="facts">
            <dt>Queue</dt>
            <dd className="mono">{queue}</dd>
            <dt>State</dt>
            <dd>
              <span className={'badge ' + (job.state === 'failed' ? 'badge-err' : job.state === 'completed' ? 'badge-on' : 'badge-warn')}>{job.state}</span>
            </dd>
            <dt>Attempts</dt>
            <dd>{job.attempts}</dd>
            <dt>Created</dt>
            <dd>{shortTime(job.createdAt)}</dd>
            <dt>Finished</dt>
            <dd>{shortTime(job.finishedAt)}</dd>
          </dl>
          {job.error && (
            <section>
              <h4>Error</h4>
              <pre className="code danger-text">{job.error}</pre>
            </section>
          )}
          {job.stack && (
            <section>
              <h4>Stack</h4>
              <pre className="code" aria-label="Stack trace">
                {job.stack}
              </pre>
            </section>
          )}
          <section>
            <h4>Payload</h4>
            <pre className="code">{JSON.stringify(job.payload, null, 2)}</pre>
          </section>
          {failure && (
            <p className="field-error" role="alert">
              {errorMessage(failure)}
            </p>
          )}
        </div>
      )}
    </Drawer>
  );
}
