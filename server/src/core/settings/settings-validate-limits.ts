/**
 * Validation of the settings sections that guard auth: smtp, rateLimits and trustedProxy. Arrays are replaced
 * wholesale by a PATCH, so every rule item is checked for shape here, not only for values.
 */
import { isIP } from 'node:net';
import { fieldError, type FieldErrors } from '../errors.js';
import type { Settings } from './settings.js';

const required = () => fieldError('validation_required', 'Cannot be blank.');
const invalid = (message = 'Invalid value.') => fieldError('validation_invalid_value', message);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const TAG = /^(\*|\w+):\w+$/;
const PATH = /^(?:(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) )?\/\S*$/;
export const RATE_LIMIT_AUDIENCES = ['', '@guest', '@auth'] as const;

function positiveInt(value: unknown): ReturnType<typeof fieldError> | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalid('Must be an integer.');
  if (value < 1) return fieldError('validation_min_greater_equal_than_required', 'Must be no less than 1.', { threshold: 1 });
  return null;
}

function validateRules(rules: unknown[]): FieldErrors {
  const out: FieldErrors = {};
  const seen = new Set<string>();
  rules.forEach((raw, i) => {
    const errs: FieldErrors = {};
    if (!isObject(raw)) {
      out[String(i)] = { label: invalid('Must be an object.') };
      return;
    }
    const label = raw.label;
    if (typeof label !== 'string' || label === '') errs.label = required();
    else if (!TAG.test(label) && !PATH.test(label)) errs.label = invalid('Invalid rate limit label format.');
    const audience = raw.audience ?? '';
    if (typeof audience !== 'string' || !(RATE_LIMIT_AUDIENCES as readonly string[]).includes(audience)) errs.audience = invalid();
    const duration = positiveInt(raw.duration);
    if (duration) errs.duration = duration;
    const max = positiveInt(raw.maxRequests);
    if (max) errs.maxRequests = max;
    const identity = `${String(label)}\u0000${String(audience)}`;
    if (!errs.label && seen.has(identity)) errs.label = fieldError('validation_duplicated_rate_limit_tag', 'Rate limit tag with label and audience already exists.');
    seen.add(identity);
    if (Object.keys(errs).length) out[String(i)] = errs;
  });
  return out;
}

export function validateAuthSettings(s: Settings): FieldErrors {
  const errors: FieldErrors = {};

  const smtp: FieldErrors = {};
  if (s.smtp.enabled) {
    if (!s.smtp.host) smtp.host = required();
    if (!s.smtp.port) smtp.port = required();
  }
  if (!Number.isInteger(s.smtp.port) || s.smtp.port < 0 || s.smtp.port > 65535) smtp.port = invalid('Must be a valid port.');
  if (!['', 'PLAIN', 'LOGIN'].includes(s.smtp.authMethod)) smtp.authMethod = invalid();
  if (Object.keys(smtp).length) errors.smtp = smtp;

  const limits: FieldErrors = {};
  const rules = validateRules(s.rateLimits.rules);
  if (Object.keys(rules).length) limits.rules = rules;
  const ips: FieldErrors = {};
  s.rateLimits.excludedIPs.forEach((ip, i) => {
    if (typeof ip !== 'string' || !isIP(ip)) ips[String(i)] = fieldError('validation_invalid_ip', 'Must be a valid IP address.');
  });
  if (Object.keys(ips).length) limits.excludedIPs = ips;
  if (Object.keys(limits).length) errors.rateLimits = limits;

  const headers: FieldErrors = {};
  s.trustedProxy.headers.forEach((h, i) => {
    if (typeof h !== 'string' || !/^[A-Za-z0-9-]+$/.test(h)) headers[String(i)] = invalid('Must be a valid header name.');
  });
  if (Object.keys(headers).length) errors.trustedProxy = { headers };

  return errors;
}
