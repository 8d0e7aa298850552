/**
 * Settings merge and validation. The stored document always has the shape of the defaults: a patch may only
 * set keys the defaults know, with the same JSON type (objects merge key by key, arrays are replaced).
 */
import { fieldError, type FieldErrors } from '../errors.js';
import type { Settings } from './settings.js';
import { validateS3Settings } from './settings-s3.js';
import { validateAuthSettings } from './settings-validate-limits.js';
import { validateWebhookSettings } from './settings-webhooks.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns the merged document, or the paths whose value has the wrong type. */
export function mergeSettings(base: Settings, patch: Json): { merged: Settings; typeErrors: FieldErrors | null } {
  const errors: FieldErrors = {};
  const merged = mergeInto(structuredClone(base) as Json, patch, errors);
  return { merged: merged as Settings, typeErrors: Object.keys(errors).length ? errors : null };
}

function mergeInto(target: Json, patch: Json, errors: FieldErrors): Json {
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in target)) continue; // unknown keys are ignored, like PocketBase's struct binding
    const current = target[key];
    if (isObject(current)) {
      if (!isObject(value)) {
        errors[key] = fieldError('validation_invalid_value', 'Must be an object.');
        continue;
      }
      const nested: FieldErrors = {};
      mergeInto(current, value, nested);
      if (Object.keys(nested).length) errors[key] = nested;
    } else if (Array.isArray(current)) {
      if (!Array.isArray(value)) errors[key] = fieldError('validation_invalid_value', 'Must be an array.');
      else target[key] = structuredClone(value);
    } else if (typeof current !== typeof value || (typeof value === 'number' && !Number.isFinite(value))) {
      errors[key] = fieldError('validation_invalid_value', `Must be a ${typeof current}.`);
    } else {
      target[key] = value;
    }
  }
  return target;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function isURL(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const required = () => fieldError('validation_required', 'Cannot be blank.');
const tooLong = (max: number) => fieldError('validation_length_out_of_range', `The length must be between 1 and ${max}.`);
const minValue = (min: number) => fieldError('validation_min_greater_equal_than_required', `Must be no less than ${min}.`, { threshold: min });
const notInt = () => fieldError('validation_invalid_value', 'Must be an integer.');

/** PocketBase's rules for the sections Plinth uses; returns field errors nested by section. */
export function validateSettings(s: Settings): FieldErrors | null {
  const errors: FieldErrors = {};
  const section = (name: string, found: FieldErrors) => {
    if (Object.keys(found).length) errors[name] = found;
  };

  const meta: FieldErrors = {};
  if (!s.meta.appName) meta.appName = required();
  else if ([...s.meta.appName].length > 255) meta.appName = tooLong(255);
  if (!s.meta.appURL) meta.appURL = required();
  else if (!isURL(s.meta.appURL)) meta.appURL = fieldError('validation_is_url', 'Must be a valid URL.');
  if (!s.meta.senderName) meta.senderName = required();
  else if ([...s.meta.senderName].length > 255) meta.senderName = tooLong(255);
  if (!s.meta.senderAddress) meta.senderAddress = required();
  else if (!EMAIL.test(s.meta.senderAddress)) meta.senderAddress = fieldError('validation_is_email', 'Must be a valid email address.');
  section('meta', meta);

  const batch: FieldErrors = {};
  for (const key of ['maxRequests', 'timeout', 'maxBodySize'] as const) {
    const value = s.batch[key];
    if (!Number.isInteger(value)) batch[key] = notInt();
    else if (value < 0) batch[key] = minValue(0);
    else if (s.batch.enabled && value === 0 && key !== 'maxBodySize') batch[key] = required();
  }
  section('batch', batch);

  const logs = s.logs as { maxDays?: unknown } | undefined;
  if (logs && typeof logs.maxDays === 'number' && (logs.maxDays < 0 || !Number.isInteger(logs.maxDays))) {
    section('logs', { maxDays: Number.isInteger(logs.maxDays) ? minValue(0) : notInt() });
  }

  const s3 = validateS3Settings(s.s3);
  if (s3) section('s3', s3);
  const backupsS3 = validateS3Settings((s.backups as { s3?: unknown } | undefined)?.s3);
  if (backupsS3) section('backups', { s3: backupsS3 });

  const webhooks = validateWebhookSettings(s.webhooks);
  if (webhooks) section('webhooks', webhooks);

  for (const [name, found] of Object.entries(validateAuthSettings(s))) section(name, found as FieldErrors);

  return Object.keys(errors).length ? errors : null;
}
