/** `email`: format-checked address with optional domain allow/deny lists. */
import type { FieldType } from '../field-type.js';
import { error, normalizeCommon, requiredError, toText } from './field-common.js';
import { checkDomain, domainNormalized, validateDomainOptions } from './domain-rules.js';

// Close to ozzo's is.EmailFormat: a dot-atom local part and a hostname with at least one dot-free label.
const emailFormat = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const isEmail = (value: string): boolean => value.length <= 254 && emailFormat.test(value);

export const emailFieldType: FieldType = {
  type: 'email',
  storage: () => 'text',
  isMultiple: () => false,
  defaultValue: () => '',
  normalizeOptions: (field) => ({ ...domainNormalized(field), ...normalizeCommon(field) }),
  validateOptions: (field) => validateDomainOptions(field),
  prepareValue: (_field, raw) => toText(raw),
  validateValue(field, value) {
    const text = toText(value);
    if (text === '') return field.required ? requiredError() : null;
    if (!isEmail(text)) return error('validation_is_email', 'Must be a valid email address.');
    const domain = text.slice(text.lastIndexOf('@') + 1);
    return checkDomain(field, domain, 'validation_email_domain_not_allowed', 'Email domain is not allowed');
  },
};
