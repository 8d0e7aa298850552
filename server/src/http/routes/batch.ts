/**
 * `POST /api/batch` (contract 8): every sub-request runs in ONE storage transaction; the first failure rolls
 * everything back and is reported at its index with the sub-request's own error envelope.
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { AppError, forbidden } from '../../core/errors.js';
import { newFileChangeLog, settleFileChanges } from '../../core/records/record-files.js';
import { runBatchAction, type BatchResult } from '../batch/batch-action.js';
import { readBatchRequests } from '../batch/batch-request.js';
import { batchUploads } from '../files/request-uploads.js';
import type { PlinthState } from '../http-state.js';
import { toAppError } from '../middleware/error-envelope.js';

export const DEFAULT_BATCH_BODY_LIMIT = 128 * 1024 * 1024;

/** A sub-request failure, carried out of the transaction so that it rolls back first. */
class BatchItemFailure extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super('batch item failed');
  }
}

export function registerBatchRoutes(router: Router<PlinthState>, app: App): void {
  router.post('/api/batch', async (ctx) => {
    const { enabled, maxRequests, timeout } = app.settings.get().batch;
    if (!enabled || maxRequests <= 0) throw forbidden('Batch requests are not allowed.');
    const requests = readBatchRequests(ctx.state.body, maxRequests);
    const deadline = Date.now() + (timeout > 0 ? timeout : 3) * 1000;
    const timedOut = () => new AppError('bad_request', 'Batch transaction failed.');
    const caller = { request: ctx.state.requestInfo, isSuperuser: ctx.state.isSuperuser };
    const uploads = await batchUploads(ctx.state.files);
    // One file change log for the whole batch: settled once the batch transaction has committed or rolled back.
    const changes = newFileChangeLog();

    let committed = false;
    try {
      ctx.body = await app.storage.transaction(async (tx) => {
        const results: BatchResult[] = [];
        for (const [index, sub] of requests.entries()) {
          if (Date.now() > deadline) throw timedOut();
          try {
            results.push(await runBatchAction(app, tx, caller, sub, { uploads: uploads.get(index) ?? [], changes }));
          } catch (err) {
            throw new BatchItemFailure(index, err);
          }
        }
        // A batch that ran past its timeout is rolled back even when every item succeeded.
        if (Date.now() > deadline) throw timedOut();
        return results;
      });
      committed = true;
    } catch (err) {
      if (!(err instanceof BatchItemFailure)) throw err;
      const itemError = toAppError(err.error);
      if (!itemError) app.logger.error('batch item failed', { requestId: ctx.state.requestId, index: err.index, error: String(err.error) });
      throw new AppError('bad_request', 'Batch transaction failed.', {
        requests: {
          [String(err.index)]: {
            code: 'batch_request_failed',
            message: 'Batch request failed.',
            response: (itemError ?? new AppError('bad_request')).toJSON(),
          },
        },
      });
    } finally {
      await settleFileChanges(app, changes, committed);
    }
  });
}
