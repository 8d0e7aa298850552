// Runs the browser tests in Debian's Chromium. Without a Chromium (a fresh laptop) they are left out with a loud
// warning, unless PLINTH_E2E_REQUIRED=1 (CI sets it) makes that a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.PLINTH_E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `No Chromium at ${chromium}: the console's browser tests did not run (apt-get install chromium).`;
  if (process.env.PLINTH_E2E_REQUIRED === '1') {
    console.error(message);
    process.exit(1);
  }
  const line = '!'.repeat(100);
  console.warn(`${line}\n! ${message}\n! Set PLINTH_E2E_REQUIRED=1 to make this a failure.\n${line}`);
  process.exit(0);
}
const result = spawnSync('playwright', ['test'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
