/**
 * One webhook HTTP attempt: POST the body with the given headers, never follow redirects (a 3xx is just a
 * non-2xx answer), cut the whole exchange at the timeout, keep a short excerpt of the answer for the log.
 * Private targets are refused at connect time unless allowed (net/address-guard.ts).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

  const agent = agentFor(url, req.allowPrivateTargets);
  let outcome = await exchange(url, req, agent);
  // A kept-alive connection the receiver closed while idle fails the first write: that says nothing about the
  // receiver, so the attempt goes once more over a new connection.
  if (outcome.staleConnection) outcome = await exchange(url, req, false);
  return done(outcome.result);
}

type Outcome = { result: Omit<AttemptResult, 'durationMs'>; staleConnection?: boolean };

/**
 * Kept-alive connections, one pool per protocol and mode: reuse spares a TCP (and TLS) handshake per delivery.
 * A guarded connection's address was checked when it was opened, so reusing it is as safe; guarded and open
 * connections never mix. Idle connections close after IDLE_MS (sooner when the receiver's Keep-Alive says so),
 * so a changed DNS answer is picked up within seconds.
 */
const IDLE_MS = 4_000;
const agents = new Map<string, HttpAgent>();

function agentFor(url: URL, allowPrivateTargets: boolean): HttpAgent {
  const key = `${url.protocol}${allowPrivateTargets ? 'open' : 'guarded'}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8, timeout: IDLE_MS, ...(allowPrivateTargets ? {} : { lookup: guardedLookup }) };
    agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
    agents.set(key, agent);
  }
  return agent;
}

function exchange(url: URL, req: AttemptRequest, agent: HttpAgent | false): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Outcome['result'], staleConnection = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ result, staleConnection });
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let client: ReturnType<typeof httpRequest>;
    try {
      client = send(url, {
        method: 'POST',
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        agent,
        ...(req.allowPrivateTargets ? {} : { lookup: guardedLookup }),
      });
    } catch (err) {
      // Invalid header names or values in the webhook's `headers`.
      resolve({ result: { status: 0, excerpt: err instanceof Error ? err.message : String(err), error: 'invalid' } });
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
      const code = (err as { code?: string }).code;
      const refused = err instanceof RefusedTargetError || code === 'ERR_TARGET_REFUSED';
      const stale = client.reusedSocket && !answered && (code === 'ECONNRESET' || code === 'EPIPE');
      finish({ status: 0, excerpt: err.message, error: refused ? 'refused' : 'network' }, stale);
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
