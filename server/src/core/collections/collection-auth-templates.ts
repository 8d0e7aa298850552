/**
 * Default email templates of auth collections. Placeholders ({APP_NAME}, {APP_URL}, {TOKEN}, {OTP},
 * {ALERT_INFO}) are filled by the mailer; the links point at the admin UI routes PocketBase apps expect.
 */
import type { EmailTemplate } from './model.js';

const signature = '<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>';

function template(subject: string, paragraphs: string[]): EmailTemplate {
  return { subject, body: ['<p>Hello,</p>', ...paragraphs, signature].join('\n') };
}

const button = (href: string, label: string) =>
  `<p>\n  <a class="btn" href="{APP_URL}/_/#/auth/${href}/{TOKEN}" target="_blank" rel="noopener">${label}</a>\n</p>`;

export const defaultVerificationTemplate = (): EmailTemplate =>
  template('Verify your {APP_NAME} email', [
    '<p>Thanks for signing up to {APP_NAME}.</p>',
    '<p>Please confirm your email address with the button below.</p>',
    button('confirm-verification', 'Verify'),
    "<p><i>If you didn't sign up, you can ignore this email.</i></p>",
  ]);

export const defaultResetPasswordTemplate = (): EmailTemplate =>
  template('Reset your {APP_NAME} password', [
    '<p>Use the button below to choose a new password.</p>',
    button('confirm-password-reset', 'Reset password'),
    "<p><i>If you didn't request a password reset, you can ignore this email.</i></p>",
  ]);

export const defaultConfirmEmailChangeTemplate = (): EmailTemplate =>
  template('Confirm your {APP_NAME} new email address', [
    '<p>Use the button below to confirm your new email address.</p>',
    button('confirm-email-change', 'Confirm new email'),
    "<p><i>If you didn't request an email change, you can ignore this email.</i></p>",
  ]);

export const defaultOTPTemplate = (): EmailTemplate =>
  template('OTP for {APP_NAME}', [
    '<p>Your one-time password is: <strong>{OTP}</strong></p>',
    "<p><i>If you didn't request a one-time password, you can ignore this email.</i></p>",
  ]);

export const defaultAuthAlertTemplate = (): EmailTemplate =>
  template('Login from a new location', [
    '<p>Your {APP_NAME} account was just signed in from a new location:</p>',
    '<p><em>{ALERT_INFO}</em></p>',
    "<p><strong>If this wasn't you, change your {APP_NAME} password right away to sign out every other location.</strong></p>",
    '<p>If it was you, no action is needed.</p>',
  ]);
