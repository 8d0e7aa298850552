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
  /**
   * Opens the provider URL. Default: a popup opened blank by `authWithOAuth2` itself before its first await
   * (call it from a click handler), navigated to the provider URL once that is known.
   */
  urlCallback?: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
  /** Milliseconds to wait for the provider's answer before rejecting; default 5 minutes. */
  timeout?: number;
}

const DEFAULT_TIMEOUT = 5 * 60_000;
const POPUP_NAME = 'plinth_oauth2';
const POPUP_FEATURES = 'popup,width=600,height=720';

const failure = (message: string, status = 400) => new PlinthError({ status, message });

interface BrowserPopup {
  navigate(url: string): void;
  close(): void;
}

/**
 * The default opener. Browsers let a page open a popup only during the click that started the flow (Safari
 * strictly so, Chromium and Firefox for a few seconds after it), and the provider URL is known only after network
 * round trips: so the popup is opened blank now and navigated later. Undefined without `window.open` (Node, …).
 */
function openBlankPopup(): BrowserPopup | undefined {
  if (typeof globalThis.open !== 'function') return undefined;
  let popup = globalThis.open('', POPUP_NAME, POPUP_FEATURES);
  return {
    navigate(url) {
      if (popup?.closed) throw failure('The OAuth2 popup was closed before the provider page opened.', 0);
      // A blocker that refused the blank popup may still allow one with a URL.
      if (popup) popup.location.href = url;
      else popup = globalThis.open(url, POPUP_NAME, POPUP_FEATURES);
      if (!popup) throw failure('The browser blocked the OAuth2 popup: call authWithOAuth2 from a click handler, or pass a urlCallback.', 0);
    },
    close: () => popup?.close(),
  };
}

/** `methods` is called after the default popup is opened: nothing may be awaited before that. */
export async function oauth2Popup(
  client: PlinthClientCore,
  methods: () => Promise<AuthMethods>,
  options: OAuth2PopupOptions,
): Promise<{ provider: OAuth2Provider; code: string; redirectURL: string }> {
  const popup = options.urlCallback ? undefined : openBlankPopup();
  const open = options.urlCallback ?? popup?.navigate;
  if (!open) throw failure('No window.open here: pass a urlCallback that opens the provider URL.');
  // Once Plinth has answered (a code or the provider's error), the popup is on Plinth's result page, which closes
  // itself; any other end (abort, timeout, lost connection, bad provider) would leave it blank or at the provider.
  let answered = false;
  try {
    return await awaitCode(client, await methods(), options, open, () => (answered = true));
  } catch (err) {
    if (!answered) popup?.close();
    throw err;
  }
}

async function awaitCode(
  client: PlinthClientCore,
  methods: AuthMethods,
  options: OAuth2PopupOptions,
  open: (url: string) => void | Promise<void>,
  onAnswer: () => void,
): Promise<{ provider: OAuth2Provider; code: string; redirectURL: string }> {
  const provider = methods.oauth2?.providers?.find((p) => p.name === options.provider);
  if (!provider) throw failure(`Missing or invalid provider "${options.provider}".`);
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
          onAnswer();
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
