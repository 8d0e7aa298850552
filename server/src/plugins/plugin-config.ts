/**
 * A plugin's config, checked once at start against the small schema the plugin declares, so that a typo in
 * a plugins file stops the server with a message naming the plugin and the key instead of failing later.
 */

export type ConfigValueType = 'string' | 'number' | 'integer' | 'boolean' | 'string[]' | 'object';

export interface ConfigKeySpec {
  type: ConfigValueType;
  required?: boolean;
  default?: unknown;
  /** Allowed values (strings and numbers). */
  enum?: readonly (string | number)[];
  min?: number;
  max?: number;
  description?: string;
  /** Never shown back (GET /api/plugins shows "" instead): API keys, passwords. */
  secret?: boolean;
}

export type PluginConfigSchema = Record<string, ConfigKeySpec>;

export class PluginConfigError extends Error {
  constructor(
    readonly plugin: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration of plugin "${plugin}":\n` + problems.map((p) => '  - ' + p).join('\n'));
    this.name = 'PluginConfigError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeProblem(key: string, spec: ConfigKeySpec, value: unknown): string | null {
  const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const expect = (ok: boolean, what: string) => (ok ? null : `"${key}" must be ${what}, got ${got}`);
  switch (spec.type) {
    case 'string':
      return expect(typeof value === 'string', 'a string');
    case 'number':
      return expect(typeof value === 'number' && Number.isFinite(value), 'a number');
    case 'integer':
      return expect(Number.isInteger(value), 'an integer');
    case 'boolean':
      return expect(typeof value === 'boolean', 'true or false');
    case 'string[]':
      return expect(Array.isArray(value) && value.every((v) => typeof v === 'string'), 'a list of strings');
    case 'object':
      return expect(isObject(value), 'an object');
  }
}

/** The config as GET /api/plugins shows it: secret keys blanked. */
export function redactPluginConfig(schema: PluginConfigSchema | undefined, config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const [key, spec] of Object.entries(schema ?? {})) if (spec.secret && key in out) out[key] = '';
  return out;
}

/** Returns the config with defaults filled in, or throws PluginConfigError listing every problem. */
export function validatePluginConfig(plugin: string, schema: PluginConfigSchema | undefined, raw: unknown): Record<string, unknown> {
  const input = raw ?? {};
  if (!isObject(input)) throw new PluginConfigError(plugin, ['the config must be a JSON object']);
  if (!schema) return { ...input };
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!(key in schema)) problems.push(`unknown key "${key}" (known: ${Object.keys(schema).join(', ') || 'none'})`);
  }
  for (const [key, spec] of Object.entries(schema)) {
    const value = input[key];
    if (value === undefined) {
      if (spec.required) problems.push(`"${key}" is required${spec.description ? ` (${spec.description})` : ''}`);
      else if (spec.default !== undefined) out[key] = structuredClone(spec.default);
      continue;
    }
    const problem = typeProblem(key, spec, value);
    if (problem) {
      problems.push(problem);
      continue;
    }
    if (spec.enum && !spec.enum.includes(value as string | number)) problems.push(`"${key}" must be one of ${spec.enum.join(', ')}, got ${JSON.stringify(value)}`);
    if (typeof value === 'number') {
      if (spec.min !== undefined && value < spec.min) problems.push(`"${key}" must be at least ${spec.min}, got ${value}`);
      if (spec.max !== undefined && value > spec.max) problems.push(`"${key}" must be at most ${spec.max}, got ${value}`);
    }
    out[key] = value;
  }
  if (problems.length) throw new PluginConfigError(plugin, problems);
  return out;
}
