/** Transactional batches (contract §8): queue record writes, send them in one request, all or nothing. */
import type { PlinthClientCore } from './client-core.js';
import { readQuery, type RequestOptions } from './record-service.js';
import type { SchemaShape } from './schema-types.js';
import { buildQuery, hasFiles, toFormData } from './wire-format.js';

interface BatchRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface BatchResult {
  status: number;
  body: unknown;
}

export interface BatchItemOptions {
  expand?: string | readonly string[];
  fields?: readonly string[];
  headers?: Record<string, string>;
}

export interface BatchCollection<S extends SchemaShape, C extends keyof S> {
  create(data: S[C]['create'], opts?: BatchItemOptions): void;
  /** Update when `data.id` exists, else create. */
  upsert(data: S[C]['create'] & { id?: string }, opts?: BatchItemOptions): void;
  update(id: string, data: S[C]['update'], opts?: BatchItemOptions): void;
  delete(id: string, opts?: BatchItemOptions): void;
}

export class Batch<S extends SchemaShape> {
  private readonly requests: BatchRequest[] = [];

  private readonly client: PlinthClientCore;
  constructor(client: PlinthClientCore) {
    this.client = client;
  }

  collection<C extends keyof S & string>(name: C): BatchCollection<S, C> {
    const base = `/api/collections/${encodeURIComponent(name)}/records`;
    const add = (method: string, path: string, body: unknown, opts: BatchItemOptions = {}) =>
      void this.requests.push({ method, url: path + buildQuery(readQuery(opts)), headers: opts.headers, body: body as Record<string, unknown> });
    return {
      create: (data, opts) => add('POST', base, data, opts),
      upsert: (data, opts) => add('PUT', base, data, opts),
      update: (id, data, opts) => add('PATCH', `${base}/${encodeURIComponent(id)}`, data, opts),
      delete: (id, opts) => add('DELETE', `${base}/${encodeURIComponent(id)}`, undefined, opts),
    };
  }

  /** Sends every queued request in one transaction; a PlinthError (400, `data.requests[i]`) rolls all back. */
  send(opts: RequestOptions = {}): Promise<BatchResult[]> {
    const form = new FormData();
    const requests = this.requests.map((req, i) => {
      if (!req.body || !hasFiles(req.body)) return req;
      // Files travel as `requests.<i>.<field>` parts; the rest of the body stays in the JSON payload.
      const json: Record<string, unknown> = {};
      const files: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.body)) (hasFiles({ [k]: v }) ? files : json)[k] = v;
      toFormData(files, form, `requests.${i}.`);
      return { ...req, body: json };
    });
    form.append('@jsonPayload', JSON.stringify({ requests }));
    return this.client.transport.send('/api/batch', { method: 'POST', body: form, signal: opts.signal, headers: opts.headers });
  }
}
