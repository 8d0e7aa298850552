/**
 * The all-in-one OAuth2 flow (contract §5.6): a private realtime connection subscribed to `@oauth2`, the
 * provider URL with `state` = that connection's client id, and the redirect's code delivered over SSE.
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
}

export async function oauth2Popup(
  client: PlinthClientCore,
  methods: AuthMethods,
  options: OAuth2PopupOptions,
): Promise<{ provider: OAuth2Provider; code: string; redirectURL: string }> {
  const provider = methods.oauth2?.providers?.find((p) => p.name === options.provider);
  if (!provider) throw new PlinthError({ status: 400, message: `Missing or invalid provider "${options.provider}".` });
  const redirectURL = client.baseUrl + '/api/oauth2-redirect';
  // Its own connection, with no auth, so the app's realtime subscriptions are untouched.
  const privateClient = client.fork(new MemoryAuthStore());
  const realtime = privateClient.realtime;
  try {
    const result = await new Promise<{ code: string }>((resolve, reject) => {
      const abort = () => reject(new PlinthError({ status: 0, isAbort: true, message: 'The OAuth2 flow was aborted.' }));
      if (options.signal?.aborted) return abort();
      options.signal?.addEventListener('abort', abort, { once: true });
      realtime
        .subscribe('@oauth2', (data) => {
          const e = data as { state?: string; code?: string; error?: string };
          if (e.state !== realtime.clientId) return reject(new PlinthError({ status: 400, message: 'State parameters don\'t match.' }));
          if (e.error || !e.code) return reject(new PlinthError({ status: 400, message: `OAuth2 redirect error or missing code: ${e.error ?? ''}`.trim() }));
          resolve({ code: e.code });
        })
        .then(async () => {
          const url = new URL(provider.authURL + encodeURIComponent(redirectURL));
          url.searchParams.set('state', realtime.clientId);
          if (options.scopes?.length) url.searchParams.set('scope', options.scopes.join(' '));
          const open = options.urlCallback ?? ((u: string) => void globalThis.open?.(u, 'popup'));
          await open(url.toString());
        })
        .catch(reject);
    });
    return { provider, code: result.code, redirectURL };
  } finally {
    realtime.disconnect();
    await realtime.unsubscribe();
  }
}
