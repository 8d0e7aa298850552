/**
 * Realtime (contract 6): `GET /api/realtime` opens the SSE stream, `POST /api/realtime` sets subscriptions,
 * on whichever instance holds the stream (realtime-forwarding.ts).
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import type { RealtimeForwarding } from '../../realtime/realtime-forwarding.js';
import type { RealtimeHub } from '../../realtime/realtime-hub.js';
import { clientIp } from '../../ratelimit/client-ip.js';
import type { PlinthContext, PlinthState } from '../http-state.js';

export function registerRealtimeRoutes(router: Router<PlinthState>, app: App, hub: RealtimeHub, forwarding: RealtimeForwarding): void {
  const ipOf = (ctx: PlinthContext) => clientIp(ctx.req.socket.remoteAddress, ctx.headers, app.settings.get().trustedProxy);

  router.get('/api/realtime', (ctx) => {
    // The stream outlives the middleware chain: Koa must not write a response of its own.
    ctx.respond = false;
    const { req, res } = ctx;
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    const client = hub.connect(ipOf(ctx), {
      write: (chunk) => res.write(chunk),
      end: () => res.end(),
    });
    req.on('close', () => client.close());
  });

  router.post('/api/realtime', async (ctx) => {
    const { clientId, subscriptions } = ctx.state.body;
    await forwarding.subscribe(String(clientId ?? ''), ipOf(ctx), ctx.state.auth, subscriptions);
    ctx.status = 204;
  });
}
