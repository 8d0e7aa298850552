/**
 * The public plugin surface: what a plugin module exports (PlinthPlugin) and what it is handed at start
 * (PluginApi). Plugins depend on these types only; no Koa, driver or storage types appear here, and every
 * capability goes through the same use cases, rules, events and error envelope as the built-in API.
 */
import type { Collection } from '../core/collections/model.js';
import type { AppError, FieldError, FieldErrors } from '../core/errors.js';
import type { CollectionCreateEvent, CollectionDeleteEvent, CollectionUpdateEvent } from '../core/hooks/collection-hook-events.js';
import type { HookHandler } from '../core/hooks/hook-chain.js';
import type {
  CollectionAfterEvent,
  RecordAfterEvent,
  RecordCreateEvent,
  RecordDeleteEvent,
  RecordUpdateEvent,
} from '../core/hooks/record-hook-events.js';
import type { HookRequest, RequestHookEvent } from '../core/hooks/request-hook-events.js';
import type { ListParams, RecordsPage } from '../core/records/record-list.js';
import type { Caller, RecordJSON } from '../core/records/records-context.js';
import type { JobContext, JobOptions } from '../jobs/job-queue.js';
import type { PluginConfigSchema } from './plugin-config.js';

export type { Caller, Collection, FieldErrors, RecordJSON, RecordsPage, ListParams, HookRequest };
export type { RecordCreateEvent, RecordUpdateEvent, RecordDeleteEvent, RecordAfterEvent, CollectionAfterEvent, RequestHookEvent };
export type { CollectionCreateEvent, CollectionUpdateEvent, CollectionDeleteEvent };

/** What a plugin module exports (as `default`, or as named `name` / `register` / `config` / `settings`). */
export interface PlinthPlugin<C = Record<string, unknown>, S extends Record<string, unknown> = Record<string, unknown>> {
  /** `[a-z0-9-]+`; namespaces the plugin's jobs, cron ids, settings and hook ids. */
  name: string;
  version?: string;
  /** Validated at start (unknown keys, types, required keys); defaults filled in before register(). */
  config?: PluginConfigSchema;
  /** A namespaced settings section, editable by superusers (`PATCH /api/plugins/{name}/settings`). */
  settings?: PluginSettingsSpec<S>;
  register(api: PluginApi<S>, config: C): void | Promise<void>;
}

export interface PluginSettingsSpec<S> {
  /** The section's shape: a patch may set only these keys, with the same JSON types. */
  defaults: S;
  /** Extra checks on the merged value; return field errors (rendered as a 400) or null. */
  validate?(value: S): FieldErrors | null;
}

/** Options of a lifecycle hook. `collections`: names or ids it applies to (absent: every collection). */
export interface HookBindOptions {
  collections?: readonly string[];
  /** Lower runs first (outermost). Built-in behaviour is always innermost. Default 0. */
  priority?: number;
  /** Stable id, unique within the plugin (used to route "after" jobs across instances); defaults to its order. */
  id?: string;
}

export type AfterHandler<E> = (event: E) => Promise<void> | void;
export type Unbind = () => void;

export interface PluginHooks {
  /** Around the create use case, inside its transaction: change `event.body` before next(), read `event.record` after. */
  onRecordCreate(handler: HookHandler<RecordCreateEvent>, options?: HookBindOptions): Unbind;
  onRecordUpdate(handler: HookHandler<RecordUpdateEvent>, options?: HookBindOptions): Unbind;
  onRecordDelete(handler: HookHandler<RecordDeleteEvent>, options?: HookBindOptions): Unbind;
  /**
   * Around the collection create/update/delete use cases, in one transaction with their DDL: change
   * `event.body` before next(), read `event.collection` after it, throw to abort (nothing is written). Tagged by
   * collection name (or id). Errors map as for record hooks. `PUT /api/collections/import` does not run them.
   */
  onCollectionCreate(handler: HookHandler<CollectionCreateEvent>, options?: HookBindOptions): Unbind;
  onCollectionUpdate(handler: HookHandler<CollectionUpdateEvent>, options?: HookBindOptions): Unbind;
  onCollectionDelete(handler: HookHandler<CollectionDeleteEvent>, options?: HookBindOptions): Unbind;
  /**
   * After commit, from the committed-event stream: runs once per change across all instances (as a job, up to
   * 3 attempts). A failure is logged and counted (plinth_plugin_hook_failures_total), never seen by the client.
   */
  onRecordAfterCreate(handler: AfterHandler<RecordAfterEvent>, options?: HookBindOptions): Unbind;
  onRecordAfterUpdate(handler: AfterHandler<RecordAfterEvent>, options?: HookBindOptions): Unbind;
  onRecordAfterDelete(handler: AfterHandler<RecordAfterEvent>, options?: HookBindOptions): Unbind;
  onCollectionAfterCreate(handler: AfterHandler<CollectionAfterEvent>, options?: HookBindOptions): Unbind;
  onCollectionAfterUpdate(handler: AfterHandler<CollectionAfterEvent>, options?: HookBindOptions): Unbind;
  onCollectionAfterDelete(handler: AfterHandler<CollectionAfterEvent>, options?: HookBindOptions): Unbind;
  /** Around `GET /api/collections/{c}/records`: rewrite `event.response` after next(), or refuse before it. */
  onRecordsListRequest(handler: HookHandler<RequestHookEvent>, options?: HookBindOptions): Unbind;
  onRecordViewRequest(handler: HookHandler<RequestHookEvent>, options?: HookBindOptions): Unbind;
  /** Around `auth-with-password`, `auth-with-otp`, `auth-with-oauth2` and `auth-refresh`. */
  onRecordAuthRequest(handler: HookHandler<RequestHookEvent>, options?: HookBindOptions): Unbind;
}

/** A custom route's request: the same caller (auth, superuser flag, `@request.*`) the built-in routes see. */
export interface PluginRequest extends HookRequest {
  /** 401 without auth; with `collections`, 403 unless the auth record belongs to one of them. */
  requireAuth(...collections: string[]): void;
  /** 401 without auth, 403 for anyone but a superuser. */
  requireSuperuser(): void;
}

/** A response with an explicit status or headers; a handler may also return a plain JSON value (200) or nothing (204). */
export interface PluginReply {
  readonly kind: 'plinth-reply';
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type RouteHandler = (request: PluginRequest) => Promise<unknown> | unknown;

export interface RouteOptions {
  /** `public` (default: the handler decides), `auth` (any authenticated record) or `superuser`. */
  auth?: 'public' | 'auth' | 'superuser';
}

export interface PluginRoutes {
  get(path: string, handler: RouteHandler, options?: RouteOptions): void;
  post(path: string, handler: RouteHandler, options?: RouteOptions): void;
  put(path: string, handler: RouteHandler, options?: RouteOptions): void;
  patch(path: string, handler: RouteHandler, options?: RouteOptions): void;
  delete(path: string, handler: RouteHandler, options?: RouteOptions): void;
}

/** Records through the API's own use cases: rules (unless acting as the system), validation, hooks and events apply. */
export interface PluginRecords {
  list(collection: string, params?: ListParams): Promise<RecordsPage>;
  /** The first record matching `filter` (PocketBase filter syntax), or null. */
  first(collection: string, filter: string, params?: Omit<ListParams, 'filter' | 'page' | 'perPage'>): Promise<RecordJSON | null>;
  view(collection: string, id: string, options?: { expand?: string }): Promise<RecordJSON>;
  create(collection: string, body: Record<string, unknown>, options?: { expand?: string }): Promise<RecordJSON>;
  update(collection: string, id: string, body: Record<string, unknown>, options?: { expand?: string }): Promise<RecordJSON>;
  delete(collection: string, id: string): Promise<void>;
  /** Runs `fn` in one transaction: everything it does commits or rolls back together. */
  transaction<T>(fn: (records: PluginRecords) => Promise<T>): Promise<T>;
}

export interface PluginRecordsAccess {
  /** Acting as the system (a superuser): rules are bypassed, validation, hooks and events still apply. */
  system(): PluginRecords;
  /** Acting as a request's caller: the collection rules decide, exactly as over HTTP. */
  as(caller: Caller): PluginRecords;
  /** Inside a "before" hook's transaction (committed or rolled back with the write); system caller by default. */
  within(event: { context: unknown }, caller?: Caller): PluginRecords;
}

export type RuleName = 'listRule' | 'viewRule' | 'createRule' | 'updateRule' | 'deleteRule';

export interface PluginRules {
  /** Whether `caller` passes `rule` of the collection for the stored record (superusers always; locked rules never). */
  allows(caller: Caller, collection: string, rule: RuleName, recordId: string): Promise<boolean>;
  /** Whether the stored record matches a filter expression evaluated for `caller` (`@request.auth.*` etc.). */
  matches(caller: Caller, collection: string, filter: string, recordId: string): Promise<boolean>;
}

export interface PluginJobs {
  /** Defines a job (its name is namespaced to `plugin:<plugin>:<name>`). */
  define<P>(name: string, handle: (payload: P, ctx: JobContext) => Promise<void>, options?: JobOptions): void;
  enqueue<P>(name: string, payload: P, options?: { delayMs?: number; dedupId?: string }): Promise<string>;
  /** A cron schedule (5 fields, or 6 with seconds) firing `job` once per tick across all instances. */
  cron(id: string, expression: string, job: string, payload?: unknown): void;
}

export interface PluginSettings<S> {
  get(): S;
  /** Validates and stores a partial update; returns the new section. */
  update(patch: Record<string, unknown>): Promise<S>;
}

export interface PluginCollections {
  get(nameOrId: string): Collection | undefined;
  /** Creates the collection from PocketBase collection JSON unless one with that name exists; returns it. */
  ensure(definition: Record<string, unknown> & { name: string }): Promise<Collection>;
}

/** Full-text search, when the storage declares the capability (PostgreSQL tsvector + GIN; not on MongoDB yet). */
export interface PluginSearch {
  readonly available: boolean;
  /** Creates (idempotently) the index serving searches over these text fields. */
  ensureIndex(collection: string, fields: readonly string[], language?: string): Promise<void>;
  /** Ranked matches of `text` the caller may list (listRule + optional filter), as the records list returns them. */
  records(caller: Caller, collection: string, query: PluginSearchQuery): Promise<RecordsPage>;
}

export interface PluginSearchQuery {
  text: string;
  fields: readonly string[];
  language?: string;
  filter?: string;
  page?: number;
  perPage?: number;
  expand?: string;
}

export interface PluginErrors {
  badRequest(message?: string, data?: FieldErrors): AppError;
  validation(message: string, data: FieldErrors): AppError;
  unauthorized(message?: string): AppError;
  forbidden(message?: string): AppError;
  notFound(message?: string): AppError;
  fieldError(code: string, message: string, params?: Record<string, unknown>): FieldError;
}

export interface PluginLogger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface PluginApi<S = Record<string, unknown>> {
  readonly name: string;
  readonly logger: PluginLogger;
  readonly hooks: PluginHooks;
  readonly routes: PluginRoutes;
  readonly records: PluginRecordsAccess;
  readonly rules: PluginRules;
  readonly jobs: PluginJobs;
  readonly settings: PluginSettings<S>;
  readonly collections: PluginCollections;
  readonly search: PluginSearch;
  readonly errors: PluginErrors;
  /** A response with an explicit status (and headers) for a custom route. */
  reply(status: number, body?: unknown, headers?: Record<string, string>): PluginReply;
  /** The system caller (a superuser without a record), e.g. for `rules.allows` checks in jobs. */
  readonly systemCaller: Caller;
  /** Called once the server has started (jobs and events running), in plugin order. */
  onStart(fn: () => Promise<void> | void): void;
  /** Called on shutdown, in reverse plugin order, before jobs and storage close. */
  onClose(fn: () => Promise<void> | void): void;
  readonly now: () => Date;
}

/** A plugin of any config and settings shape, as the host handles them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPlugin = PlinthPlugin<any, any>;
