/**
 * The `plinth` command line:
 *   plinth serve [--http host:port] [--dir path] [--db url]
 *   plinth superuser upsert EMAIL PASSWORD
 *   plinth typegen --url URL --email EMAIL --password PASSWORD --out FILE   (or --file schema.json; see sdk/)
 * Flags override environment variables. Configuration problems are printed and exit with status 1.
 */
import { ConfigError, loadConfig } from './config/config.js';
import { upsertSuperuser } from './core/auth/superuser-upsert.js';
import { isAppError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { bootApp, createPlinth } from './server.js';
import { parseArgs } from './cli-args.js';

const USAGE = `Usage:
  plinth serve [--http host:port] [--dir path] [--db url]
  plinth superuser upsert EMAIL PASSWORD
  plinth typegen --url URL --email EMAIL --password PASSWORD --out FILE | --file SCHEMA.json --out FILE`;

/** The one typegen implementation lives in the SDK package; loaded only for this command. */
const SDK_TYPEGEN = new URL('../../sdk/src/typegen/typegen-cli.ts', import.meta.url).href;

function fail(message: string): never {
  process.stderr.write(message.trimEnd() + '\n');
  process.exit(1);
}

async function serve(flags: Record<string, string>): Promise<void> {
  const config = loadConfig(process.env, flags);
  const plinth = await createPlinth(config);
  await plinth.listen();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    plinth.app.logger.info('shutting down', { signal });
    plinth.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`error while shutting down: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function superuserUpsert(args: string[], flags: Record<string, string>): Promise<void> {
  const [email, password] = args;
  if (!email || !password) fail(USAGE);
  const config = loadConfig(process.env, flags);
  const logger = createLogger(config.logLevel === 'debug' ? 'debug' : 'warn');
  const app = await bootApp(config, logger);
  try {
    const { created } = await upsertSuperuser(app, email, password);
    process.stdout.write(`${created ? 'Created' : 'Updated'} superuser ${email}\n`);
  } finally {
    await app.storage.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'typegen') {
    const { typegenMain } = (await import(SDK_TYPEGEN)) as { typegenMain(args: string[]): Promise<void> };
    return typegenMain(argv.slice(1));
  }
  const { positional, flags } = parseArgs(argv);
  const [command, sub, ...rest] = positional;
  try {
    if (command === 'serve') await serve(flags);
    else if (command === 'superuser' && sub === 'upsert') await superuserUpsert(rest, flags);
    else fail(USAGE);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    if (isAppError(err)) fail(`${err.message}\n${JSON.stringify(err.data, null, 2)}`);
    fail(`plinth failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
}

await main(process.argv.slice(2));
