/** onlyDomains / exceptDomains, shared by the email and url field types. */
import type { Field } from '../model.js';
import { checkStringList, error, optionErrors, stringListOption } from './field-common.js';
import type { FieldError, FieldErrors } from '../../errors.js';

export function domainNormalized(field: Field): Pick<Field, 'exceptDomains' | 'onlyDomains'> {
  return { exceptDomains: stringListOption(field, 'exceptDomains'), onlyDomains: stringListOption(field, 'onlyDomains') };
}

export function validateDomainOptions(field: Field): FieldErrors | null {
  const only = stringListOption(field, 'onlyDomains');
  const except = stringListOption(field, 'exceptDomains');
  const both = only.length > 0 && except.length > 0;
  const conflict = both ? error('validation_empty', 'Must be blank.') : null;
  return optionErrors([
    ['exceptDomains', checkStringList(field.exceptDomains) ?? conflict],
    ['onlyDomains', checkStringList(field.onlyDomains) ?? conflict],
  ]);
}

/** Returns the domain error when `domain` breaks the field's lists. */
export function checkDomain(field: Field, domain: string, code: string, message: string): FieldError | null {
  const only = stringListOption(field, 'onlyDomains');
  if (only.length > 0 && !only.includes(domain)) return error(code, message);
  const except = stringListOption(field, 'exceptDomains');
  if (except.length > 0 && except.includes(domain)) return error(code, message);
  return null;
}
