/** Outbound calls to OAuth2 providers: bounded in time, JSON only, failures as a client-safe 400. */
import { AppError } from '../errors.js';

const TIMEOUT_MS = 10_000;

export class ProviderError extends Error {}

export async function fetchJson(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...(init.headers ?? {}) }, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
  } catch (err) {
    throw new ProviderError(`request to ${new URL(url).origin} failed: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new ProviderError(`${new URL(url).origin} answered ${res.status}`);
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
    return json as Record<string, unknown>;
  } catch {
    throw new ProviderError(`${new URL(url).origin} did not answer with a JSON object`);
  }
}

/** What the client sees when anything about the provider exchange fails (details go to the log). */
export const oauth2Failed = (cause?: unknown) => new AppError('bad_request', 'Failed to authenticate.', {}, cause);
