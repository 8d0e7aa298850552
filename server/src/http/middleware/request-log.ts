/**
 * Queues one request log entry per request once the response is decided (method, url, status, execTime,
 * remote IP and auth id as settings.logs allow). The writer batches inserts: logging never delays a response.
 * The same entry goes to the stdout logger at debug level.
 */
import type { Middleware } from 'koa';
import type { App } from '../../core/app.js';
import { requestLogEntry } from '../../logs/log-entry.js';
import { clientIp } from '../../ratelimit/client-ip.js';
import type { LogWriter } from '../../logs/log-writer.js';
import type { PlinthState } from '../http-state.js';

export function requestLogMiddleware(app: App, writer: LogWriter): Middleware<PlinthState> {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const settings = app.settings.get().logs;
      const auth = ctx.state.auth;
      const facts = {
        method: ctx.method,
        url: ctx.originalUrl,
        status: ctx.status,
        execTimeMs: performance.now() - started,
        remoteIP: ctx.ip,
        // Behind a trusted proxy (settings.trustedProxy) the client's own address.
        userIP: clientIp(ctx.req.socket.remoteAddress, ctx.headers, app.settings.get().trustedProxy),
        userAgent: ctx.get('User-Agent'),
        referer: ctx.get('Referer'),
        authCollection: auth?.collection.name ?? '',
        authId: auth ? String(auth.record.id) : '',
      };
      const entry = requestLogEntry(facts, { logIP: settings.logIP === true, logAuthId: settings.logAuthId === true }, app.now());
      writer.add(entry);
      // Also on stdout for `PLINTH_LOG_LEVEL=debug` (one structured line per request).
      app.logger.debug(entry.message, { requestId: ctx.state.requestId, ...entry.data });
    }
  };
}
