/** Builds the App's Mailer: the settings-driven transport plus the `mail:send`/`mail:auth` job definitions. */
import type { App } from '../core/app.js';
import { composeAuthEmail } from '../core/auth/auth-email-compose.js';
import type { Mailer } from '../core/auth/mail-port.js';
import type { Logger } from '../core/logger.js';
import type { SettingsService } from '../core/settings/settings.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { createMailer } from './mailer.js';
import { createMailTransport } from './mail-transport.js';

/** `app` is read lazily: the Mailer is part of the App it composes mails with. */
export function createAppMailer(jobs: JobQueue, settings: SettingsService, logger: Logger, app: () => App): Mailer {
  return createMailer({
    jobs,
    settings: () => settings.get(),
    transport: createMailTransport(() => settings.get(), logger),
    compose: (request) => composeAuthEmail(app(), request),
    logger,
  });
}
