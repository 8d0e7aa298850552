/** A local SMTP server that keeps every received mail (parsed), for reading verification links and codes. */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  to: string[];
  from: string;
  subject: string;
  html: string;
  text: string;
}

export interface SmtpSink {
  port: number;
  mails: SunkMail[];
  /** Waits (polling) for a mail to `to` matching `pred`; generous timeout for slow shared machines. */
  waitFor(to: string, pred?: (m: SunkMail) => boolean, timeoutMs?: number): Promise<SunkMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const addresses = (field: typeof parsed.to) =>
            (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
          mails.push({
            to: addresses(parsed.to),
            from: (parsed.from?.value[0]?.address ?? '').toLowerCase(),
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    mails,
    async waitFor(to, pred = () => true, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find((m) => m.to.includes(to.toLowerCase()) && pred(m));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms (got ${mails.length} mails)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token at the end of a `…/confirm-xxx/{TOKEN}` link in a mail. */
export function tokenFromMail(mail: SunkMail, action: string): string {
  const m = new RegExp(`${action}/([A-Za-z0-9_.-]+)`).exec(mail.html);
  if (!m) throw new Error(`no ${action} link in mail: ${mail.html}`);
  return m[1];
}
