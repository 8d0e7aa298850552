/**
 * Which plugins to load: module specifiers from PLINTH_PLUGINS and the entries of the plugins file (with their
 * config), plus plugin objects handed over in code (tests, embedding). Every problem is reported with the
 * plugin it concerns before anything starts; nothing here registers anything.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config/config.js';
import type { AnyPlugin } from './plugin-api.js';

export interface PluginEntry {
  plugin: AnyPlugin;
  /** The raw config, validated later against the plugin's schema. */
  config: unknown;
  /** Where it came from: a module specifier, or "inline". */
  source: string;
}

/** A plugin handed over in code, with its config. */
export interface InlinePlugin {
  plugin: AnyPlugin;
  config?: unknown;
}

export class PluginLoadError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'PluginLoadError';
  }
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function resolvePlugins(config: Config, inline: readonly InlinePlugin[] = []): Promise<PluginEntry[]> {
  const fromFile = config.plugins?.file ? await readPluginsFile(config.plugins.file) : [];
  const wanted = new Map<string, unknown>(fromFile.map((e) => [e.module, e.config]));
  for (const module of config.plugins?.modules ?? []) if (!wanted.has(module)) wanted.set(module, {});

  const entries: PluginEntry[] = [];
  for (const [module, pluginConfig] of wanted) entries.push({ plugin: await importPlugin(module), config: pluginConfig, source: module });
  for (const item of inline) entries.push({ plugin: checkShape(item.plugin, 'inline'), config: item.config ?? {}, source: 'inline' });

  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.plugin.name)) throw new PluginLoadError(`plugin "${entry.plugin.name}" is listed twice (${entry.source})`);
    seen.add(entry.plugin.name);
  }
  return entries;
}

async function readPluginsFile(path: string): Promise<{ module: string; config: unknown }[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PluginLoadError(`cannot read the plugins file ${path}: ${(err as Error).message}`, err);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PluginLoadError(`the plugins file ${path} is not valid JSON: ${(err as Error).message}`, err);
  }
  const list = isObject(json) ? json.plugins : undefined;
  if (!Array.isArray(list)) throw new PluginLoadError(`the plugins file ${path} must look like {"plugins": [{"module": "...", "config": {}}]}`);
  return list.map((item, i) => {
    if (!isObject(item) || typeof item.module !== 'string' || !item.module.trim()) {
      throw new PluginLoadError(`the plugins file ${path}: plugins[${i}] needs a "module" string`);
    }
    if (item.config !== undefined && !isObject(item.config)) throw new PluginLoadError(`the plugins file ${path}: plugins[${i}].config must be an object`);
    return { module: item.module.trim(), config: item.config ?? {} };
  });
}

/** Paths resolve from the working directory; package names from the server first, then the working directory. */
async function importPlugin(specifier: string): Promise<AnyPlugin> {
  let mod: Record<string, unknown>;
  try {
    if (specifier.startsWith('.') || isAbsolute(specifier)) mod = await import(pathToFileURL(resolve(specifier)).href);
    else mod = await import(specifier).catch(() => import(pathToFileURL(createRequire(resolve('package.json')).resolve(specifier)).href));
  } catch (err) {
    throw new PluginLoadError(`cannot load plugin module "${specifier}": ${(err as Error).message}`, err);
  }
  const candidate = isObject(mod.default) && typeof mod.default.register === 'function' ? mod.default : mod;
  return checkShape(candidate as unknown as AnyPlugin, specifier);
}

function checkShape(plugin: AnyPlugin, source: string): AnyPlugin {
  if (!isObject(plugin) || typeof plugin.register !== 'function') {
    throw new PluginLoadError(`plugin module "${source}" exports no register(api, config) function`);
  }
  if (typeof plugin.name !== 'string' || !NAME.test(plugin.name)) {
    throw new PluginLoadError(`plugin module "${source}" must export a name matching [a-z0-9-]+ (got ${JSON.stringify(plugin.name)})`);
  }
  return plugin;
}
