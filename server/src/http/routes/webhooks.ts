/**
 * Webhook actions beyond the records API (webhooks themselves are `_webhooks` records): send a test event,
 * replay a logged delivery, rotate the (write-only) secret. Superusers only.
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { WEBHOOK_DELIVERIES } from '../../core/collections/collection-system-builtins.js';
import { serializeRecord } from '../../core/records/serialize-record.js';
import { replayDelivery, rotateWebhookSecret, sendTestEvent } from '../../webhooks/webhook-admin.js';
import type { PlinthState } from '../http-state.js';
import { recordsContext, requireSuperuser } from '../route-guards.js';

export function registerWebhookRoutes(router: Router<PlinthState>, app: App): void {
  router.post('/api/webhooks/:id/test', requireSuperuser(), async (ctx) => {
    const row = await sendTestEvent(app, ctx.params.id);
    ctx.body = serializeRecord(app.collections.require(WEBHOOK_DELIVERIES), row, { isSuperuser: true, emailVisibleIds: new Set() });
  });
  router.post('/api/webhooks/:id/rotate-secret', requireSuperuser(), async (ctx) => {
    ctx.body = await rotateWebhookSecret(recordsContext(app, ctx), ctx.params.id);
  });
  router.post('/api/webhooks/deliveries/:id/replay', requireSuperuser(), async (ctx) => {
    await replayDelivery(app, ctx.params.id);
    ctx.status = 204;
  });
}
