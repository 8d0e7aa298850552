/**
 * The outgoing-mail port core uses (implemented by mail/). Both calls only *queue* work durably and resolve
 * once it is stored: a slow or failing SMTP server never blocks or fails the request that asked for the mail.
 */

export interface MailAddress {
  address: string;
  name?: string;
}

export interface MailMessage {
  to: MailAddress[];
  subject: string;
  html: string;
  /** Plain-text alternative; derived from the HTML by the transport when absent. */
  text?: string;
}

/**
 * An auth email whose recipient may not exist. The request that asks for it does the same work whether or not
 * the address is known (no user enumeration); the record lookup, token signing and rendering happen later in
 * the job, through `composeAuthEmail` (core/auth/auth-email-compose.ts).
 */
export type AuthEmailRequest =
  | { kind: 'verification' | 'passwordReset'; collectionId: string; email: string }
  | { kind: 'otp'; collectionId: string; email: string; otpId: string };

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  sendAuthEmail(request: AuthEmailRequest): Promise<void>;
  /** Delivers at once and rejects on failure: only for `POST /api/settings/test/email`, whose point is the answer. */
  sendNow(message: MailMessage): Promise<void>;
}

/** What an AuthEmailRequest turns into once its recipient was found. */
export interface ComposedAuthEmail {
  message: MailMessage;
  /** Mails with the same key within a short time are dropped (a resend within 2 minutes is silent). */
  resendKey?: string;
}
