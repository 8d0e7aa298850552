/**
 * `POST /api/settings/test/email` (contract 9): renders one of a collection's auth templates for a stand-in
 * record with the given address and delivers it right away, so the superuser sees SMTP errors as a 400.
 */
import type { App } from '../app.js';
import { badRequest, fieldError } from '../errors.js';
import { SUPERUSERS } from '../collections/collection-builtins.js';
import { isAuthCollection } from '../collections/model.js';
import { readInput } from './auth-input.js';
import { renderAuthEmail } from './auth-mail-render.js';

const TEMPLATES = ['verification', 'password-reset', 'email-change', 'otp', 'login-alert'] as const;

export async function sendTestEmail(app: App, body: Record<string, unknown>): Promise<void> {
  const input = readInput(body);
  const email = input.email('email');
  const template = input.string('template');
  const collectionName = input.string('collection', { required: false }) || SUPERUSERS;
  if (template && !input.errors.template && !(TEMPLATES as readonly string[]).includes(template)) {
    input.errors.template = fieldError('validation_in_invalid', 'Must be a valid value.');
  }
  const collection = app.collections.get(collectionName);
  if (!collection || !isAuthCollection(collection)) input.errors.collection = fieldError('validation_invalid_value', 'Missing or invalid auth collection.');
  input.done();
  if (!collection || !isAuthCollection(collection)) return;

  const record = { id: '_test_record_id', email, verified: false, emailVisibility: false };
  const values = { TOKEN: 'TEST_TOKEN', OTP: '123456', OTP_ID: 'TEST_OTP_ID', ALERT_INFO: 'Test device (IP 127.0.0.1)' };
  const chosen = {
    verification: collection.verificationTemplate,
    'password-reset': collection.resetPasswordTemplate,
    'email-change': collection.confirmEmailChangeTemplate,
    otp: collection.otp.emailTemplate,
    'login-alert': collection.authAlert.emailTemplate,
  }[template as (typeof TEMPLATES)[number]];
  try {
    await app.mailer.sendNow({ to: [{ address: email }], ...renderAuthEmail(app, chosen, record, values) });
  } catch (err) {
    app.logger.warn('test email failed', { error: (err as Error).message });
    throw badRequest('Failed to send the test email.');
  }
}
