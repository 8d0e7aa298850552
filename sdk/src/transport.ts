/**
 * HTTP transport: one `send` used by every service. Adds auth, encodes bodies, retries idempotent requests
 * on 429/503 with backoff, runs the beforeSend/afterSend hooks and turns failures into PlinthError.
 */
import { PlinthError } from './errors.js';
import { buildQuery, hasFiles, toFormData, type Query } from './wire-format.js';

export interface SendOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not run the automatic token refresh before this request (used by the refresh itself). */
  skipAutoRefresh?: boolean;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** First delay in ms, doubled on every retry (default 300). A `Retry-After` header wins when present. */
  baseDelay?: number;
  /** Methods retried on 429/503 (default GET, HEAD, OPTIONS, PUT, DELETE). */
  methods?: readonly string[];
}

export interface BeforeSendContext {
  url: string;
  init: RequestInit & { headers: Record<string, string> };
}
export type BeforeSend = (ctx: BeforeSendContext) => void | BeforeSendContext | Promise<void | BeforeSendContext>;
/** Receives the raw response and its parsed body; may return a replacement body. */
export type AfterSend = (response: Response, data: unknown) => unknown | Promise<unknown>;

export interface TransportOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  lang?: string;
  retry?: RetryOptions | false;
  beforeSend?: BeforeSend;
  afterSend?: AfterSend;
  getToken: () => string;
  beforeRequest?: (opts: SendOptions) => Promise<void>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal!.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class Transport {
  readonly options: TransportOptions;
  constructor(options: TransportOptions) {
    this.options = options;
  }

  /** Absolute URL of an API path (a leading `/` is optional). */
  url(path: string, query?: Query): string {
    return this.options.baseUrl + (path.startsWith('/') ? '' : '/') + path + buildQuery(query);
  }

  async send<T>(path: string, opts: SendOptions = {}): Promise<T> {
    if (!opts.skipAutoRefresh) await this.options.beforeRequest?.(opts);
    const method = (opts.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { 'Accept-Language': this.options.lang ?? 'en-US', ...opts.headers };
    const token = this.options.getToken();
    if (token && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) headers.Authorization = token;
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData) body = opts.body;
    else if (opts.body !== undefined) {
      const b = opts.body as Record<string, unknown>;
      if (b && typeof b === 'object' && !Array.isArray(b) && hasFiles(b)) body = toFormData(b);
      else {
        body = JSON.stringify(opts.body);
        headers['Content-Type'] = 'application/json';
      }
    }
    let ctx: BeforeSendContext = { url: this.url(path, opts.query), init: { method, headers, body, signal: opts.signal } };
    if (this.options.beforeSend) ctx = (await this.options.beforeSend(ctx)) ?? ctx;

    const retry = this.options.retry === false ? { retries: 0 } : this.options.retry ?? {};
    const retries = retry.retries ?? 2;
    const methods = retry.methods ?? ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(ctx.url, ctx.init);
      } catch (err) {
        const isAbort = !!opts.signal?.aborted || (err as Error)?.name === 'AbortError';
        throw new PlinthError({ status: 0, url: ctx.url, isAbort, cause: err, message: isAbort ? 'The request was aborted.' : `Network error: ${(err as Error)?.message ?? err}` });
      }
      const canRetry = (response.status === 429 || response.status === 503) && attempt < retries && methods.includes(method);
      if (canRetry) {
        await response.body?.cancel().catch(() => undefined);
        const after = Number(response.headers.get('retry-after'));
        const delay = after > 0 ? after * 1000 : (retry.baseDelay ?? 300) * 2 ** attempt;
        try {
          await sleep(delay, opts.signal);
        } catch (err) {
          throw new PlinthError({ status: 0, url: ctx.url, isAbort: true, cause: err, message: 'The request was aborted.' });
        }
        continue;
      }
      let data = await parseBody(response).catch((err) => {
        throw new PlinthError({ status: 0, url: ctx.url, isAbort: !!opts.signal?.aborted, cause: err, message: 'Failed to read the response.' });
      });
      if (this.options.afterSend) data = await this.options.afterSend(response, data);
      if (response.status >= 400) {
        const env = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
        throw new PlinthError({
          status: response.status,
          message: typeof env.message === 'string' ? env.message : undefined,
          data: env.data && typeof env.data === 'object' ? (env.data as Record<string, unknown>) : {},
          response: data ?? null,
          url: ctx.url,
        });
      }
      return data as T;
    }
  }
}
