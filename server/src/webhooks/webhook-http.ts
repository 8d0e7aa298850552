/**
 * One webhook HTTP attempt: POST the body with the given headers, never follow redirects (a 3xx is just a
 * non-2xx answer), cut the whole exchange at the timeout, keep a short excerpt of the answer for the log.
 * Private targets are refused at connect time unless allowed (net/address-guard.ts).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, RefusedTargetError } from '../net/address-guard.js';

export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

export interface AttemptResult {
  /** HTTP status, 0 when no answer arrived. */
  status: number;
  /** First characters of the answer body, or the error message. */
  excerpt: string;
  durationMs: number;
  error?: 'timeout' | 'refused' | 'network' | 'invalid';
}

const EXCERPT_BYTES = 1024;
const WEBHOOK_HINT = 'webhooks.allowPrivateTargets is off';

export async function sendAttempt(req: AttemptRequest): Promise<AttemptResult> {
  const started = performance.now();
  const done = (result: Omit<AttemptResult, 'durationMs'>): AttemptResult => ({
    ...result,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  });
  let url: URL;
  try {
    url = new URL(req.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('Only http and https URLs are allowed.');
  } catch (err) {
    return done({ status: 0, excerpt: err instanceof Error ? err.message : 'Invalid URL.', error: 'invalid' });
  }
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!req.allowPrivateTargets && isIP(literal) && isPrivateAddress(literal)) {
    return done({ status: 0, excerpt: new RefusedTargetError(literal, WEBHOOK_HINT).message, error: 'refused' });
  }

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(result));
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let client: ReturnType<typeof httpRequest>;
    try {
      client = send(url, {
        method: 'POST',
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        // A fresh connection per attempt: a pooled socket could outlive a settings change or DNS answer.
        agent: false,
        ...(req.allowPrivateTargets ? {} : { lookup: guardedLookup }),
      });
    } catch (err) {
      // Invalid header names or values in the webhook's `headers`.
      resolve(done({ status: 0, excerpt: err instanceof Error ? err.message : String(err), error: 'invalid' }));
      return;
    }
    // Once the status line arrived it decides the outcome; a body still dribbling in at the timeout is cut.
    let answered: (() => void) | null = null;
    const timer = setTimeout(() => {
      if (answered) answered();
      else finish({ status: 0, excerpt: `No answer within ${req.timeoutMs} ms.`, error: 'timeout' });
      client.destroy();
    }, req.timeoutMs);
    client.on('error', (err) => {
      const refused = err instanceof RefusedTargetError || (err as { code?: string }).code === 'ERR_TARGET_REFUSED';
      finish({ status: 0, excerpt: err.message, error: refused ? 'refused' : 'network' });
    });
    client.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const complete = () => finish({ status: res.statusCode ?? 0, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_BYTES) });
      answered = complete;
      res.on('data', (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(chunk.subarray(0, EXCERPT_BYTES - size));
        size += chunk.length;
        // The status is all that counts: stop reading a long answer.
        if (size >= EXCERPT_BYTES) {
          complete();
          res.destroy();
        }
      });
      res.on('end', complete);
      res.on('error', complete);
    });
    client.end(req.body);
  });
}
