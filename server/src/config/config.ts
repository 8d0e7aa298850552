/**
 * Settings from flags and environment, parsed and validated once at start. Everything else receives the
 * resulting Config; nothing reads process.env on its own.
 */
export interface Config {
  /** Listen address. */
  http: { host: string; port: number };
  dataDir: string;
  database:
    | { kind: 'pglite'; dir: string | null }
    /** preparedStatements: name hot statements (default true; false behind PgBouncer < 1.21 in transaction mode). */
    | { kind: 'postgres'; url: string; preparedStatements?: boolean }
    | { kind: 'mongodb'; url: string };
  redisUrl: string | null;
  superuser: { email: string; password: string } | null;
  /** Max request body size in bytes for non-file requests. */
  bodyLimit: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Bearer token that may read `/metrics` (besides superusers); null: superusers only. */
  metricsToken?: string | null;
  /**
   * Plugins to load at start (plugins/plugin-load.ts): module specifiers from PLINTH_PLUGINS, plus the entries
   * of a JSON plugins file (`{"plugins": [{"module": "...", "config": {...}}]}`) from PLINTH_PLUGINS_FILE.
   */
  plugins?: { modules: string[]; file: string | null };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('Invalid configuration:\n' + problems.map((p) => '  - ' + p).join('\n'));
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

/** Flags (`--http=...`) win over environment variables (`PLINTH_HTTP`). */
export function loadConfig(env: Source = process.env, flags: Source = {}): Config {
  const problems: string[] = [];
  const get = (flag: string, envName: string) => flags[flag] ?? env[envName];

  const httpRaw = get('http', 'PLINTH_HTTP') ?? '127.0.0.1:8090';
  const http = parseHostPort(httpRaw);
  if (!http) problems.push(`PLINTH_HTTP / --http must be host:port with a port 0-65535, got "${httpRaw}"`);

  const dataDir = get('dir', 'PLINTH_DATA_DIR') || './plinth_data';

  const dbUrl = get('db', 'DATABASE_URL');
  let database: Config['database'] = { kind: 'pglite', dir: null };
  if (!dbUrl) database = { kind: 'pglite', dir: dataDir.replace(/\/+$/, '') + '/pgdata' };
  else if (/^postgres(ql)?:\/\//.test(dbUrl)) database = { kind: 'postgres', url: dbUrl, preparedStatements: true };
  else if (/^mongodb(\+srv)?:\/\//.test(dbUrl)) database = { kind: 'mongodb', url: dbUrl };
  else if (dbUrl === 'memory://') database = { kind: 'pglite', dir: null };
  else problems.push(`DATABASE_URL / --db must start with postgres://, postgresql://, mongodb:// or be memory://, got "${redact(dbUrl)}"`);

  const prepared = env.PLINTH_PG_PREPARED_STATEMENTS?.trim().toLowerCase();
  if (prepared !== undefined && prepared !== '' && !['true', 'false', '1', '0'].includes(prepared)) {
    problems.push(`PLINTH_PG_PREPARED_STATEMENTS must be true or false, got "${env.PLINTH_PG_PREPARED_STATEMENTS}"`);
  } else if (database.kind === 'postgres' && (prepared === 'false' || prepared === '0')) database.preparedStatements = false;

  const redisUrl = get('redis', 'REDIS_URL') || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL must start with redis:// or rediss://, got "${redact(redisUrl)}"`);

  const email = get('superuser-email', 'PLINTH_SUPERUSER_EMAIL');
  const password = get('superuser-password', 'PLINTH_SUPERUSER_PASSWORD');
  let superuser: Config['superuser'] = null;
  if (email || password) {
    if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.push('PLINTH_SUPERUSER_EMAIL must be a valid email address');
    if (!password || password.length < 8) problems.push('PLINTH_SUPERUSER_PASSWORD must be at least 8 characters');
    if (email && password) superuser = { email, password };
  }

  const bodyLimitRaw = get('body-limit', 'PLINTH_BODY_LIMIT');
  const bodyLimit = bodyLimitRaw === undefined ? 32 * 1024 * 1024 : Number(bodyLimitRaw);
  if (!Number.isInteger(bodyLimit) || bodyLimit <= 0) problems.push(`PLINTH_BODY_LIMIT must be a positive number of bytes, got "${bodyLimitRaw}"`);

  const logLevel = (get('log-level', 'PLINTH_LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push(`PLINTH_LOG_LEVEL must be debug, info, warn or error, got "${logLevel}"`);

  const metricsToken = get('metrics-token', 'PLINTH_METRICS_TOKEN') || null;
  if (metricsToken !== null && metricsToken.length < 16) problems.push('PLINTH_METRICS_TOKEN must be at least 16 characters');

  const pluginModules = (get('plugins', 'PLINTH_PLUGINS') ?? '').split(',').map((m) => m.trim()).filter(Boolean);
  const pluginsFile = get('plugins-file', 'PLINTH_PLUGINS_FILE') || null;
  if (pluginsFile !== null && !pluginsFile.endsWith('.json')) problems.push(`PLINTH_PLUGINS_FILE must name a .json file, got "${pluginsFile}"`);
  const plugins = { modules: pluginModules, file: pluginsFile };

  if (problems.length) throw new ConfigError(problems);
  return { http: http!, dataDir, database, redisUrl, superuser, bodyLimit, logLevel, metricsToken, plugins };
}

function parseHostPort(value: string): { host: string; port: number } | null {
  const m = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(value.trim());
  if (!m) return null;
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return null;
  return { host: m[1].replace(/^\[|\]$/g, '') || '0.0.0.0', port };
}

/** Hides credentials in URLs shown in error messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
