/** The Mailer over a fake job queue (the JobQueue contract), and the log transport. */
import { describe, expect, it } from 'vitest';
import type { AuthEmailRequest, ComposedAuthEmail } from '../core/auth/mail-port.js';
import { defaultSettings } from '../core/settings/settings-defaults.js';
import type { JobDefinition, JobQueue } from '../jobs/job-queue.js';
import { createMailer, MAIL_AUTH_JOB, MAIL_SEND_JOB } from './mailer.js';
import { createMailTransport, htmlToText, type OutgoingMail } from './mail-transport.js';

function fakeQueue() {
  const defs = new Map<string, JobDefinition<unknown>>();
  const queued: { name: string; payload: unknown; dedupId?: string }[] = [];
  const jobs: Pick<JobQueue, 'define' | 'enqueue'> = {
    define: (d) => void defs.set(d.name, d as JobDefinition<unknown>),
    enqueue: async (name, payload, opts) => {
      queued.push({ name, payload, dedupId: opts?.dedupId });
      return String(queued.length);
    },
  };
  /** Runs the oldest queued job of `name` like a worker would. */
  const run = async (name: string) => {
    const i = queued.findIndex((q) => q.name === name);
    const [job] = queued.splice(i, 1);
    await defs.get(name)!.handle(job.payload, { id: `job-${i}`, attempt: 1, signal: new AbortController().signal });
  };
  return { jobs, queued, defs, run };
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('mailer', () => {
  it('queues rendered mails with the sender fixed at queue time', async () => {
    const q = fakeQueue();
    const delivered: OutgoingMail[] = [];
    const mailer = createMailer({
      jobs: q.jobs,
      settings: defaultSettings,
      transport: { deliver: async (m) => void delivered.push(m), close() {} },
      compose: async () => null,
      logger: silent,
    });
    expect(q.defs.get(MAIL_SEND_JOB)?.options?.attempts).toBeGreaterThan(1);
    await mailer.send({ to: [{ address: 'a@example.com' }], subject: 'Hi', html: '<p>x</p>' });
    expect(delivered).toEqual([]); // nothing is sent inside the caller's request
    await q.run(MAIL_SEND_JOB);
    expect(delivered[0]).toMatchObject({ from: { address: 'support@example.com', name: 'Support' }, subject: 'Hi' });
  });

  it('composes auth emails in the job, drops unknown recipients and quick resends', async () => {
    const q = fakeQueue();
    const composed: AuthEmailRequest[] = [];
    const mailer = createMailer({
      jobs: q.jobs,
      settings: defaultSettings,
      transport: { deliver: async () => {}, close() {} },
      compose: async (r): Promise<ComposedAuthEmail | null> => {
        composed.push(r);
        if (r.email === 'ghost@example.com') return null;
        return { message: { to: [{ address: r.email }], subject: 'Verify', html: '' }, resendKey: `v:${r.email}` };
      },
      logger: silent,
    });
    for (const email of ['a@example.com', 'ghost@example.com', 'a@example.com']) {
      await mailer.sendAuthEmail({ kind: 'verification', collectionId: 'c', email });
    }
    expect(q.queued.map((j) => j.name)).toEqual([MAIL_AUTH_JOB, MAIL_AUTH_JOB, MAIL_AUTH_JOB]);
    for (let i = 0; i < 3; i++) await q.run(MAIL_AUTH_JOB);
    expect(composed).toHaveLength(3);
    const sends = q.queued.filter((j) => j.name === MAIL_SEND_JOB);
    expect(sends).toHaveLength(1);
    expect(sends[0].dedupId).toMatch(/^auth:/);
  });
});

describe('log transport', () => {
  it('writes the mail and its links to the log when SMTP is not configured', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = { ...silent, info: (msg: string, data?: Record<string, unknown>) => void lines.push({ msg, ...data }) };
    const transport = createMailTransport(defaultSettings, logger);
    await transport.deliver({
      from: { address: 'f@example.com' },
      to: [{ address: 't@example.com' }],
      subject: 'Reset',
      html: '<p>Go <a href="http://app/_/#/auth/confirm-password-reset/TOKEN&amp;x">here</a></p>',
    });
    expect(lines[0]).toMatchObject({ to: ['t@example.com'], subject: 'Reset', links: ['http://app/_/#/auth/confirm-password-reset/TOKEN&x'] });
    expect(htmlToText('<p>A &amp; B</p><p>C</p>')).toBe('A & B\n\nC');
  });
});
