/** CRUD, lists and realtime for one collection's records (contract §2, §6), typed by the generated schema. */
import type { PlinthClientCore } from './client-core.js';
import { PlinthError } from './errors.js';
import { resolveFilter, type FilterInput } from './filter.js';
import type { RealtimeEvent, SubscribeOptions } from './realtime.js';
import type { Expanded, ExpandPath, FieldKey, ListResult, Projected, RecordOf, SchemaShape, SortKey } from './schema-types.js';
import type { Query } from './wire-format.js';

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Extra query parameters (visible to rules as `@request.query.*`). */
  query?: Query;
}

export interface ReadOptions<E extends string = string, F = never> extends RequestOptions {
  expand?: E | readonly E[];
  fields?: F;
}

export interface ListOptions<S extends SchemaShape, C extends keyof S, E extends string, F> extends ReadOptions<E, F> {
  page?: number;
  perPage?: number;
  filter?: FilterInput<RecordOf<S, C>>;
  sort?: SortKey<S, C> | readonly SortKey<S, C>[];
  skipTotal?: boolean;
}

/** Record type returned for the given expand paths and fields projection. */
export type Result<S extends SchemaShape, C extends keyof S, E extends string, F> = Projected<Expanded<S, C, E>, F>;

type Fields<S extends SchemaShape, C extends keyof S> = readonly FieldKey<RecordOf<S, C>>[];

export function readQuery(opts: { expand?: string | readonly string[]; fields?: readonly string[] | string; query?: Query } = {}): Query {
  const join = (v: string | readonly string[] | undefined) => (Array.isArray(v) ? v.join(',') : (v as string | undefined));
  return { ...opts.query, expand: join(opts.expand), fields: join(opts.fields) };
}

export class RecordService<S extends SchemaShape, C extends keyof S & string> {
  protected readonly client: PlinthClientCore;
  readonly name: C;

  constructor(client: PlinthClientCore, name: C) {
    this.client = client;
    this.name = name;
  }

  protected get base(): string {
    return `/api/collections/${encodeURIComponent(this.name)}/records`;
  }

  /** One page of records. */
  list<const E extends ExpandPath<S, C> = never, const F extends Fields<S, C> = never>(
    opts: ListOptions<S, C, E, F> = {},
  ): Promise<ListResult<Result<S, C, E, F>>> {
    const sort = Array.isArray(opts.sort) ? opts.sort.join(',') : (opts.sort as string | undefined);
    return this.client.transport.send(this.base, {
      signal: opts.signal,
      headers: opts.headers,
      query: {
        ...readQuery(opts),
        page: opts.page,
        perPage: opts.perPage,
        sort,
        filter: resolveFilter(opts.filter),
        skipTotal: opts.skipTotal ? 1 : undefined,
      },
    });
  }

  /** Every record matching the options, fetched page by page (`batch` per request, default 500). */
  async getFull<const E extends ExpandPath<S, C> = never, const F extends Fields<S, C> = never>(
    opts: Omit<ListOptions<S, C, E, F>, 'page' | 'perPage' | 'skipTotal'> & { batch?: number } = {},
  ): Promise<Result<S, C, E, F>[]> {
    const perPage = opts.batch ?? 500;
    const out: Result<S, C, E, F>[] = [];
    for (let page = 1; ; page++) {
      const res = await this.list<E, F>({ ...opts, page, perPage, skipTotal: true });
      out.push(...res.items);
      if (res.items.length < perPage) return out;
    }
  }

  /** The first record matching `filter`; a 404 PlinthError when there is none. */
  async getFirst<const E extends ExpandPath<S, C> = never, const F extends Fields<S, C> = never>(
    filter: FilterInput<RecordOf<S, C>>,
    opts: Omit<ListOptions<S, C, E, F>, 'filter' | 'page' | 'perPage'> = {},
  ): Promise<Result<S, C, E, F>> {
    const res = await this.list<E, F>({ ...opts, filter, page: 1, perPage: 1, skipTotal: true });
    if (!res.items.length) throw new PlinthError({ status: 404, message: "The requested resource wasn't found." });
    return res.items[0]!;
  }

  getOne<const E extends ExpandPath<S, C> = never, const F extends Fields<S, C> = never>(
    id: string,
    opts: ReadOptions<E, F> = {},
  ): Promise<Result<S, C, E, F>> {
    if (!id) return Promise.reject(new PlinthError({ status: 404, message: "The requested resource wasn't found." }));
    return this.client.transport.send(`${this.base}/${encodeURIComponent(id)}`, { signal: opts.signal, headers: opts.headers, query: readQuery(opts) });
  }

  create<const E extends ExpandPath<S, C> = never, const F extends Fields<S, C> = never>(
    data: S[C]['create'] | FormData,
    opts: ReadOptions<E, F> = {},
  ): Promise<Result<S, C, E, F>> {
    return this.client.transport.send(this.base, { method: 'POST', body: data, signal: opts.signal, headers: opts.headers, query: readQuery(opts) });
  }

  async update<const E extends ExpandPath<S, C> = never, const F extends Fields<S, C> = never>(
    id: string,
    data: S[C]['update'] | FormData,
    opts: ReadOptions<E, F> = {},
  ): Promise<Result<S, C, E, F>> {
    const record = await this.client.transport.send<Result<S, C, E, F>>(`${this.base}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: data,
      signal: opts.signal,
      headers: opts.headers,
      query: readQuery(opts),
    });
    // Keep the stored auth record in step when the logged-in record changes.
    const store = this.client.authStore;
    const current = store.record;
    if (current && current.id === id && (current.collectionName === this.name || current.collectionId === this.name)) {
      store.save(store.token, { ...current, ...(record as object) } as typeof current);
    }
    return record;
  }

  async delete(id: string, opts: RequestOptions = {}): Promise<void> {
    await this.client.transport.send(`${this.base}/${encodeURIComponent(id)}`, { method: 'DELETE', signal: opts.signal, headers: opts.headers, query: opts.query });
    const current = this.client.authStore.record;
    if (current && current.id === id && (current.collectionName === this.name || current.collectionId === this.name)) this.client.authStore.clear();
  }

  /**
   * Realtime events for `'*'` (every record the list rule lets through) or one record id. Resolves once the
   * server has the subscription; returns the function that removes this listener.
   */
  subscribe<const E extends ExpandPath<S, C> = never, const F extends Fields<S, C> = never>(
    topic: '*' | (string & {}),
    callback: (event: RealtimeEvent<Result<S, C, E, F>>) => void,
    opts: SubscribeOptions<FilterInput<RecordOf<S, C>>> & { expand?: E | readonly E[]; fields?: F } = {},
  ): Promise<() => Promise<void>> {
    return this.client.realtime.subscribe(`${this.name}/${topic}`, callback as (e: unknown) => void, {
      ...opts,
      filter: resolveFilter(opts.filter),
      query: { ...opts.query, ...readQuery(opts) },
    });
  }

  /** Removes every listener of `topic` in this collection, or of the whole collection without a topic. */
  unsubscribe(topic?: string): Promise<void> {
    return topic ? this.client.realtime.unsubscribe(`${this.name}/${topic}`) : this.client.realtime.unsubscribeByPrefix(`${this.name}/`);
  }
}
