/** Body readers shared by the auth action endpoints: required strings and emails, with PocketBase's field errors. */
import { badRequest, fieldError, type FieldErrors } from '../errors.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const INVALID_DATA = 'An error occurred while validating the submitted data.';

export class InputReader {
  readonly errors: FieldErrors = {};
  constructor(private readonly body: Record<string, unknown>) {}

  string(key: string, opts: { required?: boolean; max?: number } = {}): string {
    const value = this.body[key];
    if (value === undefined || value === null || value === '') {
      if (opts.required !== false) this.errors[key] = fieldError('validation_required', 'Cannot be blank.');
      return '';
    }
    if (typeof value !== 'string') {
      this.errors[key] = fieldError('validation_invalid_value', 'Invalid value.');
      return '';
    }
    if (opts.max && [...value].length > opts.max) {
      this.errors[key] = fieldError('validation_length_too_long', `The length must be no more than ${opts.max}.`, { max: opts.max });
    }
    return value;
  }

  email(key: string): string {
    const value = this.string(key, { max: 255 });
    if (value && !this.errors[key] && !EMAIL.test(value)) this.errors[key] = fieldError('validation_is_email', 'Must be a valid email address.');
    return value;
  }

  /** Throws the collected field errors as one 400. */
  done(message = INVALID_DATA): void {
    if (Object.keys(this.errors).length) throw badRequest(message, this.errors);
  }
}

export const readInput = (body: Record<string, unknown> | undefined) => new InputReader(body ?? {});
