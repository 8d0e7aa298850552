/**
 * The all-in-one OAuth2 flow (contract 5.6): the provider sends the browser to `/api/oauth2-redirect`, whose
 * only job is to hand `{state, code, error?}` to the realtime client whose id equals `state` (subscribed to
 * `@oauth2`, same client IP). The realtime engine implements this sink and sets it as `app.oauth2Redirect`.
 */
export interface OAuth2RedirectPayload {
  state: string;
  code: string;
  error?: string;
}

export interface OAuth2RedirectSink {
  /** True when a matching realtime client took the payload. */
  deliver(payload: OAuth2RedirectPayload, clientIp: string): Promise<boolean>;
}
