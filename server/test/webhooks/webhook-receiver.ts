/**
 * A webhook receiver on 127.0.0.1 for tests: records every request and answers as the test decides
 * (status per call, or never for a hanging endpoint). Also a polling helper for asynchronous outcomes.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
}

/** What to answer: a status, a status after a delay, or 'hang' to never answer. */
export type Answer = number | 'hang' | { status: number; delayMs: number };

export interface Receiver {
  url: string;
  received: Received[];
  /** Decides the answer to each request (default 200). */
  answer: (req: Received, index: number) => Answer;
  /** Checks a request's Standard Webhooks signature and returns the parsed payload. */
  verify(req: Received, secret: string): any;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = {
    url: '',
    received,
    answer: () => 200,
    verify: (req, secret) =>
      new Webhook(secret).verify(req.body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const entry: Received = { path: req.url ?? '', headers: req.headers, body, json };
      received.push(entry);
      const answer = receiver.answer(entry, received.length - 1);
      if (answer === 'hang') return;
      const { status, delayMs } = typeof answer === 'number' ? { status: answer, delayMs: 0 } : answer;
      const send = () => res.writeHead(status, { 'content-type': 'text/plain' }).end(`answer ${status}`);
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

/** Polls `check` until it returns a truthy value (returned) or the timeout passes (throws with `what`). */
type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export async function eventually<T>(what: string, check: () => T | Promise<T>, timeoutMs = 30_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
