/** Collections admin API (contract §4.6; superusers only). */
import type { PlinthClientCore } from './client-core.js';
import type { RequestOptions } from './record-service.js';
import type { ListResult } from './schema-types.js';

export interface FieldModel {
  id?: string;
  name: string;
  type: string;
  system?: boolean;
  hidden?: boolean;
  presentable?: boolean;
  required?: boolean;
  [option: string]: unknown;
}

export interface CollectionModel {
  id: string;
  name: string;
  type: 'base' | 'auth' | 'view';
  system: boolean;
  listRule: string | null;
  viewRule: string | null;
  createRule: string | null;
  updateRule: string | null;
  deleteRule: string | null;
  fields: FieldModel[];
  indexes: string[];
  created?: string;
  updated?: string;
  viewQuery?: string;
  [option: string]: unknown;
}

export type CollectionInput = Partial<Omit<CollectionModel, 'fields'>> & { fields?: FieldModel[] };

export interface AdminListOptions extends RequestOptions {
  page?: number;
  perPage?: number;
  sort?: string;
  filter?: string | { toString(): string };
  skipTotal?: boolean;
}

export const listQuery = (o: AdminListOptions) => ({
  ...o.query,
  page: o.page,
  perPage: o.perPage,
  sort: o.sort,
  filter: o.filter === undefined ? undefined : String(o.filter) || undefined,
  skipTotal: o.skipTotal ? 1 : undefined,
});

export class CollectionService {
  private readonly client: PlinthClientCore;
  constructor(client: PlinthClientCore) {
    this.client = client;
  }

  private send<T>(path: string, opts: RequestOptions & { method?: string; body?: unknown } = {}) {
    return this.client.transport.send<T>('/api/collections' + path, opts);
  }

  list(opts: AdminListOptions = {}): Promise<ListResult<CollectionModel>> {
    return this.send('', { signal: opts.signal, headers: opts.headers, query: listQuery(opts) });
  }

  /** Every collection (sorted by name unless told otherwise). */
  async getFull(opts: Omit<AdminListOptions, 'page' | 'perPage'> = {}): Promise<CollectionModel[]> {
    const out: CollectionModel[] = [];
    for (let page = 1; ; page++) {
      const res = await this.list({ sort: 'name', ...opts, page, perPage: 500, skipTotal: true });
      out.push(...res.items);
      if (res.items.length < 500) return out;
    }
  }

  getOne(idOrName: string, opts: RequestOptions = {}): Promise<CollectionModel> {
    return this.send(`/${encodeURIComponent(idOrName)}`, opts);
  }

  create(data: CollectionInput, opts: RequestOptions = {}): Promise<CollectionModel> {
    return this.send('', { ...opts, method: 'POST', body: data });
  }

  /** A given `fields` array replaces the whole list (fields are matched by id). */
  update(idOrName: string, data: CollectionInput, opts: RequestOptions = {}): Promise<CollectionModel> {
    return this.send(`/${encodeURIComponent(idOrName)}`, { ...opts, method: 'PATCH', body: data });
  }

  async delete(idOrName: string, opts: RequestOptions = {}): Promise<void> {
    await this.send(`/${encodeURIComponent(idOrName)}`, { ...opts, method: 'DELETE' });
  }

  /** Deletes every record (with cascades). */
  async truncate(idOrName: string, opts: RequestOptions = {}): Promise<void> {
    await this.send(`/${encodeURIComponent(idOrName)}/truncate`, { ...opts, method: 'DELETE' });
  }

  async import(collections: CollectionInput[], deleteMissing = false, opts: RequestOptions = {}): Promise<void> {
    await this.send('/import', { ...opts, method: 'PUT', body: { collections, deleteMissing } });
  }

  getScaffolds(opts: RequestOptions = {}): Promise<Record<'auth' | 'base' | 'view', CollectionModel>> {
    return this.send('/meta/scaffolds', opts);
  }
}
