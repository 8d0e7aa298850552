/** The one error type of the SDK: every non-2xx answer, network failure and abort becomes a PlinthError. */

/** A field error leaf as the server sends it (`{code, message, params?}`), nested by field name. */
export interface FieldError {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

export class PlinthError extends Error {
  override readonly name = 'PlinthError';
  /** HTTP status; 0 for network failures and aborts. */
  readonly status: number;
  /** The `data` object of the error envelope (field errors nest by field name). */
  readonly data: Record<string, unknown>;
  /** The parsed response body, as received. */
  readonly response: unknown;
  readonly url: string;
  readonly isAbort: boolean;

  constructor(init: { status: number; message?: string; data?: Record<string, unknown>; response?: unknown; url?: string; isAbort?: boolean; cause?: unknown }) {
    super(init.message || 'Something went wrong while processing your request.', { cause: init.cause });
    this.status = init.status;
    this.data = init.data ?? {};
    this.response = init.response ?? null;
    this.url = init.url ?? '';
    this.isAbort = init.isAbort ?? false;
  }

  /** Set when a first auth step needs a second factor (a 401 `{"mfaId"}` answer). */
  get mfaId(): string | undefined {
    const r = this.response as { mfaId?: unknown } | null;
    return typeof r?.mfaId === 'string' ? r.mfaId : undefined;
  }

  /** Field errors flattened to `{"title": FieldError, "tags.0": FieldError}`. */
  get fieldErrors(): Record<string, FieldError> {
    const out: Record<string, FieldError> = {};
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (typeof o.code === 'string' && typeof o.message === 'string') {
        out[path] = o as unknown as FieldError;
        return;
      }
      for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
    };
    walk(this.data, '');
    return out;
  }
}

export function isPlinthError(err: unknown): err is PlinthError {
  return err instanceof PlinthError;
}
