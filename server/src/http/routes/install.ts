/**
 * First run: while no superuser exists, the composition root holds a random one-time token and prints an
 * installer link; `POST /api/install {token, email, password}` creates the first superuser with it. Once any
 * superuser exists the endpoint refuses, so the token is useless from then on (even if it leaked in a log).
 */
import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { hasSuperuser, upsertSuperuser } from '../../core/auth/superuser-upsert.js';
import { badRequest, fieldError, forbidden } from '../../core/errors.js';
import { ALNUM, randomString } from '../../core/ids.js';
import type { PlinthState } from '../http-state.js';

export interface Installer {
  readonly token: string;
  /** The browser link that opens the console's install page (`baseUrl` as printed by listen()). */
  link(baseUrl: string): string;
}

export function createInstaller(): Installer {
  const token = randomString(40, ALNUM);
  return { token, link: (baseUrl) => `${baseUrl}/_/install?token=${token}` };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerInstallRoutes(router: Router<PlinthState>, app: App, installer: Installer | undefined): void {
  // Lets the install page tell "already installed" from "bad link" before asking for credentials.
  router.get('/api/install', async (ctx) => {
    ctx.body = { installed: !installer || (await hasSuperuser(app)) };
  });

  router.post('/api/install', async (ctx) => {
    const { token, email, password } = ctx.state.body as Record<string, unknown>;
    if (!installer || (await hasSuperuser(app))) throw forbidden('A superuser already exists; sign in instead.');
    if (typeof token !== 'string' || !sameToken(token, installer.token)) {
      throw badRequest('Invalid or expired installer token.', { token: fieldError('validation_invalid_token', 'Invalid or expired installer token.') });
    }
    if (typeof email !== 'string' || typeof password !== 'string') {
      throw badRequest('Failed to create record.', {
        ...(typeof email !== 'string' && { email: fieldError('validation_required', 'Cannot be blank.') }),
        ...(typeof password !== 'string' && { password: fieldError('validation_required', 'Cannot be blank.') }),
      });
    }
    await upsertSuperuser(app, email, password);
    app.logger.info('first superuser created through the installer', { email });
    ctx.status = 204;
  });
}
