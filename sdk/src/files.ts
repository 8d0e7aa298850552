/** File URLs (with thumbs, download and protected-file tokens) and file tokens (contract §7). */
import type { PlinthClientCore } from './client-core.js';
import type { RequestOptions } from './record-service.js';
import { buildQuery } from './wire-format.js';

export interface FileUrlOptions {
  /** `WxH`, `WxHt`, `WxHb`, `WxHf`, `0xH` or `Wx0` (a size listed in the field's `thumbs`, or `100x100`). */
  thumb?: string;
  download?: boolean;
  /** A file token (see `getToken`) for protected files. */
  token?: string;
}

export class FileService {
  private readonly client: PlinthClientCore;
  constructor(client: PlinthClientCore) {
    this.client = client;
  }

  /** URL of a record's file; no request is made. Empty when the record or filename is missing. */
  getURL(record: { id: string; collectionId?: string; collectionName?: string }, filename: string, opts: FileUrlOptions = {}): string {
    const collection = record?.collectionId || record?.collectionName;
    if (!filename || !record?.id || !collection) return '';
    const path = ['api', 'files', collection, record.id, filename].map(encodeURIComponent).join('/');
    return `${this.client.baseUrl}/${path}${buildQuery({ thumb: opts.thumb, download: opts.download ? 1 : undefined, token: opts.token })}`;
  }

  /** A short-lived token (the collection's `fileToken.duration`) that opens protected files. */
  async getToken(opts: RequestOptions = {}): Promise<string> {
    const res = await this.client.transport.send<{ token: string }>('/api/files/token', { method: 'POST', signal: opts.signal, headers: opts.headers });
    return res.token;
  }
}
