/**
 * The realtime side of the all-in-one OAuth2 flow (contract 5.6): the SDK opens a realtime connection,
 * subscribes to `@oauth2` and sends its client id as the provider's `state`; `/api/oauth2-redirect` then hands
 * the provider's answer here. Only a client that is subscribed to `@oauth2` and connected from the same IP as
 * the browser landing on the redirect gets it, once: the subscription is dropped with the delivery.
 */
import type { OAuth2RedirectPayload, OAuth2RedirectSink } from '../core/auth/oauth2-redirect-port.js';
import type { RealtimeClient } from './realtime-client.js';

export const OAUTH2_TOPIC = '@oauth2';

export class OAuth2Redirects implements OAuth2RedirectSink {
  constructor(private readonly clientById: (id: string) => RealtimeClient | undefined) {}

  async deliver(payload: OAuth2RedirectPayload, clientIp: string): Promise<boolean> {
    const client = this.clientById(payload.state);
    if (!client || client.isClosed || !client.names.has(OAUTH2_TOPIC) || client.ip !== clientIp) return false;
    client.names.delete(OAUTH2_TOPIC);
    const message: OAuth2RedirectPayload = { state: payload.state, code: payload.code };
    if (payload.error) message.error = payload.error;
    client.send(OAUTH2_TOPIC, message);
    return true;
  }
}
