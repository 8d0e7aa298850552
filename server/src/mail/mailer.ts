/**
 * The Mailer (core/auth/mail-port.ts) over the job queue. Two durable jobs:
 * - `mail:send` delivers one rendered mail through the transport, retried with backoff (a slow or failing SMTP
 *   server never blocks the request that queued it, and a crash does not lose it);
 * - `mail:auth` turns an AuthEmailRequest into a mail (record lookup, token, template) and queues `mail:send`,
 *   so the request that asked for it did the same work whether or not the address exists.
 */
import type { AuthEmailRequest, ComposedAuthEmail, Mailer, MailMessage } from '../core/auth/mail-port.js';
import type { Logger } from '../core/logger.js';
import type { Settings } from '../core/settings/settings.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { MailTransport, OutgoingMail } from './mail-transport.js';

export const MAIL_SEND_JOB = 'mail:send';
export const MAIL_AUTH_JOB = 'mail:auth';
const RESEND_WINDOW_MS = 120_000;

export interface MailerDeps {
  jobs: Pick<JobQueue, 'define' | 'enqueue'>;
  settings: () => Settings;
  transport: MailTransport;
  /** Resolves an auth email request; null when there is nobody to write to. */
  compose: (request: AuthEmailRequest) => Promise<ComposedAuthEmail | null>;
  logger: Logger;
  now?: () => number;
}

export function createMailer(deps: MailerDeps): Mailer {
  const now = deps.now ?? Date.now;
  const lastSent = new Map<string, number>();

  const withSender = (message: MailMessage): OutgoingMail => {
    const { senderAddress, senderName } = deps.settings().meta;
    return { ...message, from: { address: senderAddress, name: senderName } };
  };
  const queue = async (message: MailMessage, dedupId?: string) => {
    await deps.jobs.enqueue(MAIL_SEND_JOB, withSender(message), dedupId ? { dedupId } : undefined);
  };

  /** True when the key was not used within the resend window (and marks it used). */
  const mayResend = (key: string) => {
    const t = now();
    for (const [k, at] of lastSent) if (t - at >= RESEND_WINDOW_MS) lastSent.delete(k);
    if (lastSent.has(key)) return false;
    lastSent.set(key, t);
    return true;
  };

  deps.jobs.define<OutgoingMail>({
    name: MAIL_SEND_JOB,
    options: { attempts: 5, backoff: { type: 'exponential', delayMs: 2000 }, timeoutMs: 60_000 },
    async handle(mail) {
      await deps.transport.deliver(mail);
    },
  });

  deps.jobs.define<AuthEmailRequest>({
    name: MAIL_AUTH_JOB,
    options: { attempts: 3, backoff: { type: 'exponential', delayMs: 1000 } },
    async handle(request, ctx) {
      const composed = await deps.compose(request);
      if (!composed) return;
      if (composed.resendKey && !mayResend(composed.resendKey)) {
        deps.logger.debug('auth email skipped: sent recently', { kind: request.kind });
        return;
      }
      // A retry of this job must not queue the mail twice.
      await queue(composed.message, `auth:${ctx.id}`);
    },
  });

  return {
    send: (message) => queue(message),
    sendNow: (message) => deps.transport.deliver(withSender(message)),
    async sendAuthEmail(request) {
      await deps.jobs.enqueue(MAIL_AUTH_JOB, request);
    },
  };
}
