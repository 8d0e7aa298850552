/** The server package's version (`info.version`), read from server/package.json. */
import { readFileSync } from 'node:fs';

export function serverVersion(): string {
  // The same two levels up from src/openapi/ (tsx) and from dist/openapi/ (the built image).
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
