/**
 * Downloads a small file from a URL a third party chose (e.g. an OAuth2 provider's avatar URL): http(s) only,
 * bounded in time and size, a few redirects at most, and every connection guarded against private addresses
 * (address-guard.ts), except to the hosts the caller explicitly trusts (e.g. the provider's own origin, which
 * Plinth talks to anyway).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, RefusedTargetError } from './address-guard.js';

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Origins (scheme, host and port, as in URL.origin) that may be private addresses. */
  trustedOrigins?: readonly string[];
  maxRedirects?: number;
}

export interface Downloaded {
  data: Uint8Array;
  /** The last path segment of the final URL ("" when none). */
  filename: string;
}

export class DownloadError extends Error {}

export async function downloadGuarded(rawUrl: string, opts: DownloadOptions): Promise<Downloaded> {
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  let url = new URL(rawUrl);
  for (let hops = 0; ; hops++) {
    const res = await get(url, opts, deadline);
    if (res.status >= 300 && res.status < 400 && res.location) {
      if (hops >= (opts.maxRedirects ?? 3)) throw new DownloadError('too many redirects');
      url = new URL(res.location, url);
      continue;
    }
    if (res.status < 200 || res.status >= 300) throw new DownloadError(`${url.origin} answered ${res.status}`);
    return { data: res.body, filename: decodeURIComponent(url.pathname.split('/').pop() ?? '') };
  }
}

interface Answer {
  status: number;
  location?: string;
  body: Uint8Array;
}

function get(url: URL, opts: DownloadOptions, signal: AbortSignal): Promise<Answer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new DownloadError('only http and https URLs are allowed'));
  const trusted = (opts.trustedOrigins ?? []).includes(url.origin);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!trusted && isIP(literal) && isPrivateAddress(literal)) return Promise.reject(new RefusedTargetError(literal));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', agent: false, signal, headers: { Accept: 'image/*,*/*;q=0.5' }, ...(trusted ? {} : { lookup: guardedLookup }) });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        return resolve({ status, location: res.headers.location, body: new Uint8Array() });
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        req.destroy();
        return reject(new DownloadError(`file larger than ${opts.maxBytes} bytes`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) {
          req.destroy();
          return reject(new DownloadError(`file larger than ${opts.maxBytes} bytes`));
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, body: new Uint8Array(Buffer.concat(chunks)) }));
      res.on('error', reject);
    });
    req.end();
  });
}
