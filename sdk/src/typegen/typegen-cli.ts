/**
 * `plinth typegen` (also `plinth-typegen`): writes the Schema type from a live server (superuser login) or
 * from an exported schema JSON file. The file is rewritten only when its content changes.
 *
 *   plinth typegen --url http://127.0.0.1:8090 --email admin@example.com --password … --out src/plinth.d.ts
 *   plinth typegen --file pb_schema.json --out src/plinth.d.ts [--import-from @plinth/sdk] [--collections a,b]
 * Environment fallbacks: PLINTH_URL, PLINTH_EMAIL, PLINTH_PASSWORD.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createClient } from '../client.js';
import { MemoryAuthStore } from '../auth-store.js';
import { generateTypes, parseSchemaFile } from './typegen.js';

const USAGE = `Usage:
  plinth typegen --url URL --email EMAIL --password PASSWORD --out FILE [options]
  plinth typegen --file SCHEMA.json --out FILE [options]
Options: --import-from MODULE (default @plinth/sdk), --collections a,b,c (only these)`;

function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}".\n${USAGE}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length) flags[arg.slice(2)] = argv[++i];
    else throw new Error(`Missing value for ${arg}.\n${USAGE}`);
  }
  return flags;
}

export interface TypegenResult {
  out: string;
  changed: boolean;
  collections: number;
}

export async function runTypegen(argv: string[], env: Record<string, string | undefined> = process.env): Promise<TypegenResult> {
  const flags = parseFlags(argv);
  if (!flags.out) throw new Error(USAGE);
  let collections;
  if (flags.file) {
    collections = parseSchemaFile(await readFile(flags.file, 'utf8'));
  } else {
    const url = flags.url ?? env.PLINTH_URL;
    const email = flags.email ?? env.PLINTH_EMAIL;
    const password = flags.password ?? env.PLINTH_PASSWORD;
    if (!url || !email || !password) throw new Error(USAGE);
    const client = createClient(url, { authStore: new MemoryAuthStore() });
    await client.collection('_superusers').authWithPassword(email, password);
    collections = await client.collections.getFull();
  }
  const only = flags.collections?.split(',').map((s) => s.trim()).filter(Boolean);
  const text = generateTypes(collections, { importFrom: flags['import-from'], collections: only });
  const out = resolve(flags.out);
  const before = await readFile(out, 'utf8').catch(() => null);
  if (before !== text) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text);
  }
  return { out, changed: before !== text, collections: collections.length };
}

/** Entry for command lines: prints the outcome, exit code 1 on failure. */
export async function typegenMain(argv: string[]): Promise<void> {
  try {
    const res = await runTypegen(argv);
    process.stdout.write(`${res.changed ? 'Wrote' : 'Up to date:'} ${res.out} (${res.collections} collections)\n`);
  } catch (err) {
    const e = err as { message?: string; data?: unknown; status?: number };
    process.stderr.write(`plinth typegen: ${e.message ?? String(err)}${e.status ? `\n${JSON.stringify(e.data)}` : ''}\n`);
    process.exitCode = 1;
  }
}
