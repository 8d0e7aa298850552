/**
 * The all-in-one OAuth2 flow (contract §5.6): a private realtime connection subscribed to `@oauth2`, the
 * provider URL with `state` = that connection's client id, and the redirect's code delivered over SSE.
 * The flow always settles: on the answer, an error answer, an abort, a lost connection (the server knows the
 * state only as that connection's id, so a reconnect can never receive it) or the timeout.
 */
import { MemoryAuthStore } from './auth-store.js';
import type { PlinthClientCore } from './client-core.js';
import { PlinthError } from './errors.js';
import type { AuthMethods, OAuth2Provider } from './record-auth.js';

export interface OAuth2PopupOptions {
  provider: string;
  scopes?: string[];
  /** Opens the provider URL; default `window.open` (call it synchronously from a click in browsers). */
  urlCallback?: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
  /** Milliseconds to wait for the provider's answer before rejecting; default 5 minutes. */
  timeout?: number;
}

const DEFAULT_TIMEOUT = 5 * 60_000;

const failure = (message: string, status = 400) => new PlinthError({ status, message });

export async function oauth2Popup(
  client: PlinthClientCore,
  methods: AuthMethods,
  options: OAuth2PopupOptions,
): Promise<{ provider: OAuth2Provider; code: string; redirectURL: string }> {
  const provider = methods.oauth2?.providers?.find((p) => p.name === options.provider);
  if (!provider) throw failure(`Missing or invalid provider "${options.provider}".`);
  const open = options.urlCallback ?? (typeof globalThis.open === 'function' ? (u: string) => void globalThis.open(u, 'popup') : undefined);
  if (!open) throw failure('No window.open here: pass a urlCallback that opens the provider URL.');
  const redirectURL = client.baseUrl + '/api/oauth2-redirect';
  // Its own connection, with no auth, so the app's realtime subscriptions are untouched.
  const realtime = client.fork(new MemoryAuthStore()).realtime;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const code = await new Promise<string>((resolve, reject) => {
      const timeout = options.timeout ?? DEFAULT_TIMEOUT;
      timer = setTimeout(() => reject(failure(`No OAuth2 answer from the provider within ${timeout} ms.`, 0)), timeout);
      onAbort = () => reject(new PlinthError({ status: 0, isAbort: true, message: 'The OAuth2 flow was aborted.' }));
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      realtime.onDisconnect = () => reject(failure('The realtime connection of the OAuth2 flow was lost before the provider answered.', 0));
      realtime
        .subscribe('@oauth2', (data) => {
          const e = data as { state?: string; code?: string; error?: string };
          if (e.state !== realtime.clientId) return reject(failure("State parameters don't match."));
          if (e.error || !e.code) return reject(failure(`OAuth2 redirect error or missing code: ${e.error ?? ''}`.trim()));
          resolve(e.code);
        })
        .then(async () => {
          const url = new URL(provider.authURL + encodeURIComponent(redirectURL));
          url.searchParams.set('state', realtime.clientId);
          if (options.scopes?.length) url.searchParams.set('scope', options.scopes.join(' '));
          await open(url.toString());
        })
        .catch(reject);
    });
    return { provider, code, redirectURL };
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    realtime.onDisconnect = undefined;
    realtime.disconnect();
    await realtime.unsubscribe();
  }
}
