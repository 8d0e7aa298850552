/**
 * HTTP semantics of a file download: validators (ETag, Last-Modified), conditional GET (304), a single byte
 * range (206/416), and the contract's headers. Multi-range requests get the whole file (allowed by RFC 9110).
 */
import type { ByteRange, StoredFileInfo } from '../../files/port.js';
import type { PlinthContext } from '../http-state.js';

export const etagOf = (info: StoredFileInfo): string => `W/"${info.size.toString(16)}-${Math.floor(info.modified.getTime() / 1000).toString(16)}"`;

/** True when the client's cached copy is still current (If-None-Match wins over If-Modified-Since). */
export function isNotModified(ctx: PlinthContext, info: StoredFileInfo, etag: string): boolean {
  const inm = ctx.get('If-None-Match');
  if (inm) return inm.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''));
  const ims = Date.parse(ctx.get('If-Modified-Since'));
  return Number.isFinite(ims) && Math.floor(info.modified.getTime() / 1000) <= Math.floor(ims / 1000);
}

/** The requested range, 'unsatisfiable', or undefined for the whole file. */
export function requestedRange(ctx: PlinthContext, info: StoredFileInfo, etag: string): ByteRange | 'unsatisfiable' | undefined {
  const header = ctx.get('Range');
  if (!header) return undefined;
  const ifRange = ctx.get('If-Range');
  if (ifRange && ifRange !== etag && Date.parse(ifRange) !== Math.floor(info.modified.getTime() / 1000) * 1000) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const size = info.size;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(size - suffix, 0);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size || size === 0) return 'unsatisfiable';
  return { start, end };
}
