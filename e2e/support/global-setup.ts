/**
 * Builds the console from source, then starts a real Plinth through its CLI (the README's `plinth serve`) with
 * no superuser, and reads the one-time installer link from its log. Tests get both through environment
 * variables; the returned function stops the server.
 */
import { execFileSync } from 'node:child_process';
import { ROOT, startPlinth } from './plinth-process.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync('pnpm', ['--filter', '@plinth/console', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const plinth = await startPlinth({ ready: /"installUrl":"([^"]+)"/ });
  process.env.PLINTH_E2E_URL = plinth.url;
  process.env.PLINTH_E2E_INSTALL_URL = plinth.ready;
  return () => plinth.stop();
}
