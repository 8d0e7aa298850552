/** `url`: absolute URL (scheme optional, as govalidator's IsURL) with optional domain allow/deny lists. */
import type { FieldType } from '../field-type.js';
import { error, normalizeCommon, requiredError, toText } from './field-common.js';
import { checkDomain, domainNormalized, validateDomainOptions } from './domain-rules.js';

const hostFormat = /^(?:[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?\.)*[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$|^\[[0-9a-fA-F:.]+\]$/;

/** The URL's host (with port) when the value is a valid URL, else null. */
function parseHost(value: string): { host: string; hadScheme: boolean } | null {
  if (/\s/.test(value) || value.length > 2083 || value.startsWith('.')) return null;
  const hadScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value);
  let url: URL;
  try {
    url = new URL(hadScheme ? value : 'http://' + value);
  } catch {
    return null;
  }
  if (!url.hostname || !hostFormat.test(url.hostname)) return null;
  return { host: url.host, hadScheme };
}

export const urlFieldType: FieldType = {
  type: 'url',
  storage: () => 'text',
  isMultiple: () => false,
  defaultValue: () => '',
  normalizeOptions: (field) => ({ ...domainNormalized(field), ...normalizeCommon(field) }),
  validateOptions: (field) => validateDomainOptions(field),
  prepareValue: (_field, raw) => toText(raw),
  validateValue(field, value) {
    const text = toText(value);
    if (text === '') return field.required ? requiredError() : null;
    const parsed = parseHost(text);
    if (!parsed) return error('validation_invalid_url', 'Must be a valid url');
    // Go's url.Parse leaves Host empty for scheme-less input, so domain lists only match absolute URLs.
    return checkDomain(field, parsed.hadScheme ? parsed.host : '', 'validation_url_domain_not_allowed', 'Url domain is not allowed');
  },
};
