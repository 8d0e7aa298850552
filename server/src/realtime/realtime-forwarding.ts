/**
 * `POST /api/realtime` on any instance, without sticky routing: a subscribe call naming a client whose SSE
 * stream is open on another instance is forwarded there over the cluster channel, and that instance's answer
 * (204, or its 400/403/404) becomes this one's. What travels is what the owner needs to decide as if the call
 * had come to it: the client id, the caller's IP as resolved here (trusted proxy settings apply on this side),
 * the raw auth token (the owner verifies it itself) and the already validated subscriptions. No answer within
 * the timeout means no instance holds the client: 404, as for an unknown id on a single instance.
 *
 * The browser's landing on `/api/oauth2-redirect` (all-in-one OAuth2 flow, realtime-oauth2.ts) names a client
 * the same way (`state`) and travels likewise, with the browser's IP as resolved here.
 */
import type { App } from '../core/app.js';
import type { OAuth2RedirectPayload, OAuth2RedirectSink } from '../core/auth/oauth2-redirect-port.js';
import { verifyAuthToken, type VerifiedAuth } from '../core/auth/auth-token.js';
import { AppError, isAppError, type ErrorCode } from '../core/errors.js';
import type { ClusterChannel } from '../cluster/cluster-channel.js';
import { clientNotFound, validSubscriptions, type RealtimeHub } from './realtime-hub.js';

const SUBSCRIBE = 'realtime.subscribe';
const OAUTH2 = 'realtime.oauth2';
export const FORWARD_TIMEOUT_MS = 2_000;
/** Client ids are alphanumeric (realtime-client.ts): anything else names no client anywhere. */
const CLIENT_ID = /^[A-Za-z0-9]{1,100}$/;
/** The errors a subscribe can end with; anything else in a reply is treated as an internal error. */
const REPLY_CODES = new Set<ErrorCode>(['bad_request', 'validation_failed', 'forbidden', 'not_found', 'internal']);

interface ForwardedSubscribe {
  clientId: string;
  ip: string;
  token: string | null;
  subscriptions: string[];
}

/** `{}` for success. */
interface SubscribeReply {
  error?: { code: ErrorCode; message: string; data: unknown };
}

export class RealtimeForwarding {
  private readonly stopServing: Array<() => void> = [];
  private readonly oauth2?: OAuth2RedirectSink;

  constructor(
    private readonly app: App,
    private readonly hub: RealtimeHub,
    private readonly channel: ClusterChannel | null,
    private readonly timeoutMs = FORWARD_TIMEOUT_MS,
  ) {
    if (!channel) return;
    this.stopServing.push(channel.serve(SUBSCRIBE, (body) => this.serveSubscribe(body)));
    // The hub's own sink (set by its constructor) answers for this instance's clients; this one asks the others.
    const local = app.oauth2Redirect;
    if (!local) return;
    this.stopServing.push(channel.serve(OAUTH2, (body) => this.serveOAuth2(local, body)));
    this.oauth2 = { deliver: (payload, ip) => this.deliverOAuth2(local, channel, payload, ip) };
    app.oauth2Redirect = this.oauth2;
  }

  async subscribe(clientId: string, ip: string, auth: VerifiedAuth | null, subscriptions: unknown): Promise<void> {
    // Validated here first: the owner would give the same 400, and junk never travels.
    const list = validSubscriptions(subscriptions);
    if (!this.channel || this.hub.holds(clientId) || !CLIENT_ID.test(clientId)) return this.hub.subscribe(clientId, ip, auth, list);
    const request: ForwardedSubscribe = { clientId, ip, token: auth?.token ?? null, subscriptions: list };
    const reply = (await this.channel.request(SUBSCRIBE, request, this.timeoutMs)) as SubscribeReply | undefined;
    if (reply === undefined || typeof reply !== 'object' || reply === null) throw clientNotFound();
    const error = reply.error;
    if (!error) return;
    const code = REPLY_CODES.has(error.code) ? error.code : 'internal';
    const data = typeof error.data === 'object' && error.data !== null ? (error.data as Record<string, unknown>) : {};
    throw new AppError(code, typeof error.message === 'string' ? error.message : undefined, data);
  }

  close(): void {
    for (const stop of this.stopServing) stop();
    if (this.oauth2 && this.app.oauth2Redirect === this.oauth2) this.app.oauth2Redirect = undefined;
  }

  private async deliverOAuth2(local: OAuth2RedirectSink, channel: ClusterChannel, payload: OAuth2RedirectPayload, ip: string): Promise<boolean> {
    if (await local.deliver(payload, ip)) return true;
    // Held here but refused (another IP, no `@oauth2` subscription): no other instance can take it either.
    if (this.hub.holds(payload.state) || !CLIENT_ID.test(payload.state)) return false;
    const reply = await channel.request(OAUTH2, { payload, ip }, this.timeoutMs);
    return typeof reply === 'object' && reply !== null && (reply as { delivered?: unknown }).delivered === true;
  }

  private async serveOAuth2(local: OAuth2RedirectSink, body: unknown): Promise<{ delivered: boolean } | undefined> {
    const { payload, ip } = (typeof body === 'object' && body !== null ? body : {}) as { payload?: Partial<OAuth2RedirectPayload>; ip?: unknown };
    if (typeof payload?.state !== 'string' || typeof payload.code !== 'string' || typeof ip !== 'string') return undefined;
    if (!this.hub.holds(payload.state)) return undefined;
    const error = typeof payload.error === 'string' && payload.error ? { error: payload.error } : {};
    return { delivered: await local.deliver({ state: payload.state, code: payload.code, ...error }, ip) };
  }

  /** A subscribe forwarded by another instance: answered only by the instance holding the client. */
  private async serveSubscribe(body: unknown): Promise<SubscribeReply | undefined> {
    const request = parseForwarded(body);
    if (!request || !this.hub.holds(request.clientId)) return undefined;
    try {
      const auth = request.token ? await verifyAuthToken(this.app, this.app.storage, request.token) : null;
      this.hub.subscribe(request.clientId, request.ip, auth, request.subscriptions);
      return {};
    } catch (err) {
      if (isAppError(err)) return { error: { code: err.code, message: err.message, data: err.data } };
      this.app.logger.error('forwarded realtime subscribe failed', { error: err instanceof Error ? err.message : String(err) });
      return { error: { code: 'internal', message: '', data: {} } };
    }
  }
}

function parseForwarded(body: unknown): ForwardedSubscribe | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const ok =
    typeof b.clientId === 'string' && typeof b.ip === 'string' && (b.token === null || typeof b.token === 'string') && Array.isArray(b.subscriptions);
  return ok ? (b as unknown as ForwardedSubscribe) : null;
}
