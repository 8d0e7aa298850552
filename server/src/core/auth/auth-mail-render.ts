/**
 * Fills an auth collection's email template (contract 4.2 placeholders): {APP_NAME}, {APP_URL}, {TOKEN}, {OTP},
 * {OTP_ID}, {ALERT_INFO} and {RECORD:<field>}. Values are HTML-escaped in the body (a record's name is user
 * input); the subject is plain text.
 */
import type { App } from '../app.js';
import type { Collection, EmailTemplate } from '../collections/model.js';
import type { RecordData } from '../../storage/port.js';
import type { MailMessage } from './mail-port.js';

export interface TemplateValues {
  TOKEN?: string;
  OTP?: string;
  OTP_ID?: string;
  ALERT_INFO?: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function fill(text: string, values: Record<string, string>, record: RecordData, escape: (s: string) => string): string {
  return text.replace(/\{(APP_NAME|APP_URL|TOKEN|OTP_ID|OTP|ALERT_INFO|RECORD:(\w+))\}/g, (match, name: string, field?: string) => {
    if (field !== undefined) {
      // Secrets never leave through a template.
      if (field === 'password' || field === 'tokenKey') return '';
      const value = record[field];
      return escape(value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    return name in values ? escape(values[name]) : match;
  });
}

export function renderAuthEmail(
  app: App,
  template: EmailTemplate,
  record: RecordData,
  values: TemplateValues,
): Pick<MailMessage, 'subject' | 'html'> {
  const meta = app.settings.get().meta;
  const all: Record<string, string> = {
    APP_NAME: meta.appName,
    APP_URL: meta.appURL.replace(/\/+$/, ''),
    ...(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, string>),
  };
  return {
    subject: fill(template.subject, all, record, (s) => s),
    html: fill(template.body, all, record, escapeHtml),
  };
}

/** The recipient of a mail to an auth record: its email, with its `name` field when it has one. */
export function recordRecipient(collection: Collection, record: RecordData): MailMessage['to'] {
  const name = collection.fields.some((f) => f.name === 'name') && typeof record.name === 'string' ? record.name : '';
  return [{ address: String(record.email ?? ''), ...(name ? { name } : {}) }];
}
