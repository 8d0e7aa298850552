/**
 * Delivers one rendered mail: over SMTP (nodemailer) when settings.smtp is enabled, otherwise to the log, so a
 * developer without a mail server can still follow verification/reset links locally. The SMTP transporter is
 * rebuilt whenever the smtp settings change.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailAddress, MailMessage } from '../core/auth/mail-port.js';
import type { Logger } from '../core/logger.js';
import type { Settings, SmtpSettings } from '../core/settings/settings.js';

/** A mail ready to leave: the message plus its sender, fixed when it was queued. */
export interface OutgoingMail extends MailMessage {
  from: MailAddress;
}

export interface MailTransport {
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A readable plain-text version of simple template HTML: links kept as "label (url)". */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, label: string) => `${label.replace(/<[^>]+>/g, '').trim()} (${href})`)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const links = (html: string) => [...html.matchAll(/href="([^"]+)"/gi)].map((m) => m[1].replace(/&amp;/g, '&'));

function smtpTransporter(smtp: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls,
    auth: smtp.username ? { user: smtp.username, pass: smtp.password } : undefined,
    authMethod: smtp.authMethod || undefined,
    name: smtp.localName || undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

export function createMailTransport(settings: () => Settings, logger: Logger): MailTransport {
  let cached: { key: string; transporter: Transporter } | undefined;

  const transporterFor = (smtp: SmtpSettings) => {
    const key = JSON.stringify(smtp);
    if (cached?.key !== key) {
      cached?.transporter.close();
      cached = { key, transporter: smtpTransporter(smtp) };
    }
    return cached.transporter;
  };

  return {
    async deliver(mail) {
      const text = mail.text ?? htmlToText(mail.html);
      const smtp = settings().smtp;
      if (!smtp.enabled) {
        logger.info('mail (SMTP is not configured, logged instead of sent)', {
          to: mail.to.map((t) => t.address),
          subject: mail.subject,
          links: links(mail.html),
          text,
        });
        return;
      }
      await transporterFor(smtp).sendMail({ from: mail.from, to: mail.to, subject: mail.subject, html: mail.html, text });
    },
    close() {
      cached?.transporter.close();
      cached = undefined;
    },
  };
}
