/**
 * One error model for the whole server. Use cases and adapters throw AppError; the HTTP layer renders it as
 * PocketBase's envelope `{status, message, data}`. `cause` is private: it is logged, never sent.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'internal';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  internal: 500,
};

const defaultMessage: Record<number, string> = {
  400: 'Something went wrong while processing your request.',
  401: 'Missing or invalid authentication.',
  403: 'You are not allowed to perform this request.',
  404: "The requested resource wasn't found.",
  409: 'Something went wrong while processing your request.',
  413: 'Request entity too large.',
  429: 'Too Many Requests.',
  500: 'Something went wrong while processing your request.',
};

/** A leaf of the field error tree: `{code, message, params?}`. */
export interface FieldError {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}
/** Field errors nest by field name, and by index for arrays / sub-objects. */
export type FieldErrors = { [key: string]: FieldError | FieldErrors };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly data: FieldErrors | Record<string, unknown>;
  override readonly cause?: unknown;

  constructor(code: ErrorCode, message?: string, data?: FieldErrors | Record<string, unknown>, cause?: unknown) {
    const status = statusOf[code];
    super(normalizeMessage(message || defaultMessage[status]));
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.data = data ?? {};
    this.cause = cause;
  }

  toJSON(): { status: number; message: string; data: unknown } {
    return { status: this.status, message: this.message, data: this.data };
  }
}

/** PocketBase messages are sentences: capitalised, ending with a period unless already punctuated. */
export function normalizeMessage(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const first = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.?!]$/.test(first) ? first : first + '.';
}

export const fieldError = (code: string, message: string, params?: Record<string, unknown>): FieldError =>
  params ? { code, message, params } : { code, message };

export const badRequest = (message?: string, data?: FieldErrors) => new AppError('bad_request', message, data);
export const validationFailed = (message: string, data: FieldErrors) => new AppError('validation_failed', message, data);
export const notFound = (message?: string) => new AppError('not_found', message);
export const forbidden = (message?: string) => new AppError('forbidden', message);
export const unauthorized = (message?: string) => new AppError('unauthorized', message);

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
