/** The public API of @plinth/sdk (the package entry point). */
export { createClient, PlinthClient, type ClientOptions, type CollectionClient } from './client.js';
export { PlinthError, isPlinthError, type FieldError } from './errors.js';
export {
  MemoryAuthStore,
  LocalAuthStore,
  CookieAuthStore,
  decodeToken,
  isTokenValid,
  type AuthRecord,
  type TokenPayload,
  type CookieOptions,
  type AuthChangeListener,
} from './auth-store.js';
export { Filter, filter, filterBuilder, literal, quote, type FilterBuilder, type FilterInput, type FilterLiteral, type FieldPath } from './filter.js';
export { RecordService, type ListOptions, type ReadOptions, type RequestOptions, type Result } from './record-service.js';
export { AuthService, type AuthMethods, type AuthResponse, type AuthOptions, type OAuth2Meta, type OAuth2Provider, type ExternalAuth } from './record-auth.js';
export type { OAuth2PopupOptions } from './oauth2-popup.js';
export { Realtime, topicKey, type RealtimeEvent, type RealtimeOptions, type SubscribeOptions } from './realtime.js';
export type { EventSourceCtor, EventSourceLike } from './realtime-source.js';
export { FileService, type FileUrlOptions } from './files.js';
export { Batch, type BatchCollection, type BatchResult, type BatchItemOptions } from './batch.js';
export { CollectionService, type CollectionModel, type CollectionInput, type FieldModel, type AdminListOptions } from './admin-collections.js';
export { SettingsService, LogService, MetricsService, type Settings, type LogEntry, type MetricsSummary, type RecentLatency } from './admin-system.js';
export { JobService, CronService, type JobInfo, type JobState, type QueueCounts, type CronInfo } from './admin-jobs.js';
export { PluginService, type PluginInfo } from './admin-plugins.js';
export { WebhookService, type WebhookRecord, type WebhookDeliveryRecord, type WebhookInput, type WebhookSchema } from './admin-webhooks.js';
export type { BeforeSend, BeforeSendContext, AfterSend, RetryOptions, SendOptions } from './transport.js';
export { formatDate } from './wire-format.js';
export type {
  AnyRecord,
  AnySchema,
  BaseRecord,
  CollectionDef,
  DateString,
  Expanded,
  ExpandPath,
  FieldKey,
  FileInput,
  JsonValue,
  ListResult,
  Projected,
  RecordOf,
  RelationDef,
  SchemaShape,
  SortKey,
} from './schema-types.js';
