/** `createClient<Schema>(url, options)`: the entry point that wires transport, auth store and services. */
import { CollectionService } from './admin-collections.js';
import { CronService, JobService } from './admin-jobs.js';
import { PluginService } from './admin-plugins.js';
import { LogService, MetricsService, SettingsService } from './admin-system.js';
import { WebhookService } from './admin-webhooks.js';
import { decodeToken, LocalAuthStore, MemoryAuthStore, type AuthRecord } from './auth-store.js';
import { Batch } from './batch.js';
import type { PlinthClientCore } from './client-core.js';
import { FileService } from './files.js';
import { filter, type Filter, type FilterLiteral } from './filter.js';
import { AuthService } from './record-auth.js';
import { RecordService, type RequestOptions } from './record-service.js';
import { Realtime, type RealtimeOptions } from './realtime.js';
import type { AnySchema, SchemaShape } from './schema-types.js';
import { Transport, type AfterSend, type BeforeSend, type RetryOptions } from './transport.js';

export interface ClientOptions {
  /** Default: LocalAuthStore in browsers (localStorage), MemoryAuthStore elsewhere. */
  authStore?: MemoryAuthStore<any>;
  fetch?: typeof fetch;
  /** Sent as Accept-Language (default en-US). */
  lang?: string;
  /** Retries of idempotent requests on 429/503 (default 2 retries from 300 ms); false disables. */
  retry?: RetryOptions | false;
  beforeSend?: BeforeSend;
  afterSend?: AfterSend;
  /** Refresh the stored token when it expires within this many seconds (default 300; 0 disables). */
  autoRefreshThreshold?: number;
  realtime?: RealtimeOptions;
}

/** Auth collections get the auth methods; views are read-only. */
export type CollectionClient<S extends SchemaShape, C extends keyof S & string> = 'auth' extends S[C]['type']
  ? AuthService<S, C>
  : S[C]['type'] extends 'view'
    ? Omit<RecordService<S, C>, 'create' | 'update' | 'delete'>
    : RecordService<S, C>;

export class PlinthClient<S extends SchemaShape = AnySchema> implements PlinthClientCore {
  readonly baseUrl: string;
  readonly transport: Transport;
  readonly authStore: MemoryAuthStore<AuthRecord>;
  readonly realtime: Realtime;
  readonly collections: CollectionService;
  readonly settings: SettingsService;
  readonly logs: LogService;
  readonly crons: CronService;
  readonly jobs: JobService;
  readonly webhooks: WebhookService;
  readonly metrics: MetricsService;
  readonly plugins: PluginService;
  readonly files: FileService;
  private refreshing: Promise<void> | undefined;

  private readonly options: ClientOptions;

  constructor(url: string, options: ClientOptions = {}) {
    this.options = options;
    this.baseUrl = url.replace(/\/+$/, '');
    this.authStore = options.authStore ?? (typeof window !== 'undefined' && typeof localStorage !== 'undefined' ? new LocalAuthStore() : new MemoryAuthStore());
    this.transport = new Transport({
      baseUrl: this.baseUrl,
      fetch: options.fetch,
      lang: options.lang,
      retry: options.retry,
      beforeSend: options.beforeSend,
      afterSend: options.afterSend,
      getToken: () => this.authStore.token,
      beforeRequest: () => this.refreshIfExpiring(),
    });
    this.realtime = new Realtime(this, options.realtime);
    this.collections = new CollectionService(this);
    this.settings = new SettingsService(this);
    this.logs = new LogService(this);
    this.crons = new CronService(this);
    this.jobs = new JobService(this);
    this.webhooks = new WebhookService(this);
    this.metrics = new MetricsService(this);
    this.plugins = new PluginService(this);
    this.files = new FileService(this);
  }

  /** Records of one collection, typed by the schema. */
  collection<C extends keyof S & string>(name: C): CollectionClient<S, C> {
    return new AuthService<S, C>(this, name) as unknown as CollectionClient<S, C>;
  }

  /** A transactional batch of record writes. */
  batch(): Batch<S> {
    return new Batch<S>(this);
  }

  /** A raw filter with `{:name}` placeholders bound to escaped literals. */
  filter(expr: string, params?: Record<string, FilterLiteral>): Filter {
    return filter(expr, params);
  }

  health(opts: RequestOptions = {}): Promise<{ code: number; message: string; data: Record<string, unknown> }> {
    return this.transport.send('/api/health', opts);
  }

  fork(store: MemoryAuthStore<AuthRecord>): PlinthClient<S> {
    return new PlinthClient<S>(this.baseUrl, { ...this.options, authStore: store });
  }

  private async refreshIfExpiring(): Promise<void> {
    const threshold = this.options.autoRefreshThreshold ?? 300;
    const { token, record } = this.authStore;
    if (!threshold || !token || !record) return;
    const { exp, refreshable } = decodeToken(token);
    const left = (exp ?? 0) - Date.now() / 1000;
    // An expired token cannot be refreshed; an impersonation token is not refreshable.
    if (refreshable === false || left <= 0 || left > threshold) return;
    this.refreshing ??= (this.collection(record.collectionName as keyof S & string) as unknown as AuthService<S, keyof S & string>)
      .authRefresh()
      .then(
        () => undefined,
        (err: { status?: number }) => {
          if (err.status === 401 || err.status === 403 || err.status === 404) this.authStore.clear();
        },
      )
      .finally(() => (this.refreshing = undefined));
    await this.refreshing;
  }
}

export function createClient<S extends SchemaShape = AnySchema>(url: string, options?: ClientOptions): PlinthClient<S> {
  return new PlinthClient<S>(url, options);
}
