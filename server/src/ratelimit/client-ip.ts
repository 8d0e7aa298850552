/**
 * The client address rate limits are keyed on. Proxy headers (X-Forwarded-For, X-Real-IP, …) are trivially
 * spoofed, so they are read only when settings.trustedProxy lists them; otherwise the socket address counts.
 */
import { isIP } from 'node:net';

export interface TrustedProxy {
  headers: string[];
  useLeftmostIP: boolean;
}

const normalize = (ip: string) => ip.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

export function clientIp(remoteAddress: string | undefined, headers: Record<string, string | string[] | undefined>, proxy: TrustedProxy): string {
  const direct = normalize(remoteAddress ?? '');
  for (const name of proxy.headers) {
    const raw = headers[name.toLowerCase()];
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    if (!value) continue;
    const candidates = value.split(',').map(normalize).filter((ip) => isIP(ip) !== 0);
    if (!candidates.length) continue;
    return proxy.useLeftmostIP ? candidates[0] : candidates[candidates.length - 1];
  }
  return direct;
}
