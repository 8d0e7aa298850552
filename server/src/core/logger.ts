/**
 * Structured JSON logs (one line per entry: time, level, msg, data) written by pino; injected, never imported
 * as a singleton. The Logger interface stays ours so nothing else depends on pino.
 */
import pino from 'pino';

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/** `write` receives one JSON line without its newline (stdout by default). */
export function createLogger(minLevel: Level = 'info', write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const destination = { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) };
  const log = pino(
    {
      level: minLevel,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Error objects in data keep their message and stack.
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
  const entry = (level: Level) => (msg: string, data?: Record<string, unknown>) => (data ? log[level](data, msg) : log[level](msg));
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
