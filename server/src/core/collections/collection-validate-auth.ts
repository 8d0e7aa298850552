/** Validation of the auth-only options: rules, token configs, MFA/OTP, password identity fields, OAuth2. */
import type { SchemaLookup } from '../../filter/schema.js';
import type { FieldError, FieldErrors } from '../errors.js';
import { isPlainObject } from './collection-input.js';
import { checkRule } from './collection-rule-check.js';
import { error, maxError, minError, requiredError } from './field-types/field-common.js';
import { findSingleColumnUniqueIndex } from './index-parse.js';
import type { Collection } from './model.js';

const TOKEN_KEYS = ['authToken', 'passwordResetToken', 'emailChangeToken', 'verificationToken', 'fileToken'] as const;
const TEMPLATE_KEYS = ['verificationTemplate', 'resetPasswordTemplate', 'confirmEmailChangeTemplate'] as const;
const MAX_TOKEN_DURATION = 94670856; // ~3 years
export const OAUTH2_PROVIDERS = [
  'apple', 'bitbucket', 'box', 'discord', 'facebook', 'gitea', 'gitee', 'github', 'gitlab', 'google', 'instagram2',
  'kakao', 'lark', 'linear', 'livechat', 'mailcow', 'microsoft', 'monday', 'notion', 'oidc', 'oidc2', 'oidc3',
  'patreon', 'planningcenter', 'spotify', 'strava', 'trakt', 'twitch', 'twitter', 'vk', 'wakatime', 'yandex',
];

function intInRange(value: unknown, min: number, max?: number): FieldError | null {
  if (value === undefined || value === null || value === 0) return requiredError();
  if (typeof value !== 'number' || !Number.isInteger(value)) return error('validation_invalid_value', 'Invalid value.');
  if (value < min) return minError(min);
  if (max !== undefined && value > max) return maxError(max);
  return null;
}

function collect(entries: [string, FieldError | FieldErrors | null][]): FieldErrors | null {
  const out: FieldErrors = {};
  for (const [k, v] of entries) if (v && Object.keys(v).length) out[k] = v;
  return Object.keys(out).length ? out : null;
}

const asObject = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});

function checkToken(value: unknown): FieldErrors | null {
  const t = asObject(value);
  const secret = t.secret;
  let secretErr: FieldError | null = null;
  if (typeof secret !== 'string' || secret === '') secretErr = requiredError();
  else if (secret.length < 30 || secret.length > 255) {
    secretErr = error('validation_length_out_of_range', 'The length must be between 30 and 255.', { min: 30, max: 255 });
  }
  return collect([
    ['duration', intInRange(t.duration, 10, MAX_TOKEN_DURATION)],
    ['secret', secretErr],
  ]);
}

function checkTemplate(value: unknown): FieldErrors | null {
  const t = asObject(value);
  return collect([
    ['subject', typeof t.subject === 'string' && t.subject ? null : requiredError()],
    ['body', typeof t.body === 'string' && t.body ? null : requiredError()],
  ]);
}

function checkIdentityFields(c: Collection): FieldError | null {
  const names = c.passwordAuth?.identityFields;
  if (!Array.isArray(names) || names.length === 0) return requiredError();
  for (const name of names) {
    if (typeof name !== 'string' || !c.fields.some((f) => f.name === name)) {
      return error('validation_missing_field', `Invalid or missing field ${name}`, { fieldName: name });
    }
    if (!findSingleColumnUniqueIndex(c.indexes, name)) {
      return error('validation_missing_unique_constraint', `The field ${name} doesn't have a UNIQUE constraint.`, { fieldName: name });
    }
  }
  return null;
}

function checkProviders(value: unknown): FieldError | FieldErrors | null {
  if (!Array.isArray(value)) return error('validation_invalid_value', 'Invalid value.');
  const out: FieldErrors = {};
  const seen = new Set<string>();
  value.forEach((raw, i) => {
    const p = asObject(raw);
    const name = typeof p.name === 'string' ? p.name : '';
    let nameErr: FieldError | null = null;
    if (!name) nameErr = requiredError();
    else if (!OAUTH2_PROVIDERS.includes(name)) nameErr = error('validation_missing_provider', `Invalid or missing provider with name ${name}.`, { name });
    else if (seen.has(name)) nameErr = error('validation_duplicated_provider', `The provider ${name} is already registered.`, { name });
    seen.add(name);
    const errs = collect([
      ['name', nameErr],
      ['clientId', typeof p.clientId === 'string' && p.clientId ? null : requiredError()],
      ['clientSecret', typeof p.clientSecret === 'string' && p.clientSecret ? null : requiredError()],
    ]);
    if (errs) out[String(i)] = errs;
  });
  return Object.keys(out).length ? out : null;
}

export function validateAuthOptions(c: Collection, original: Collection | null, lookup: SchemaLookup): FieldErrors | null {
  const systemLocked = !!original?.system;
  const ruleChange = (key: 'authRule' | 'manageRule'): FieldError | null =>
    systemLocked && (c[key] ?? null) !== (original![key] ?? null)
      ? error('validation_collection_system_rule_change', 'System collection API rule cannot be changed.')
      : null;
  const manageRule = c.manageRule;
  const mfa = asObject(c.mfa);
  const otp = asObject(c.otp);
  const oauth2 = asObject(c.oauth2);
  const passwordAuth = asObject(c.passwordAuth);

  const base = collect([
    ['authRule', checkRule(c.authRule, c, lookup) ?? ruleChange('authRule')],
    ['manageRule', manageRule === '' ? error('validation_nil_or_not_empty_required', 'Cannot be blank.') : checkRule(manageRule, c, lookup) ?? ruleChange('manageRule')],
    ['authAlert', checkTemplate(asObject(c.authAlert).emailTemplate) ? { emailTemplate: checkTemplate(asObject(c.authAlert).emailTemplate)! } : null],
    ['oauth2', oauth2.enabled === true || Array.isArray(oauth2.providers) ? collect([['providers', checkProviders(oauth2.providers ?? [])]]) : null],
    ['passwordAuth', passwordAuth.enabled === true ? collect([['identityFields', checkIdentityFields(c)]]) : null],
    ['mfa', mfa.enabled === true ? collect([['duration', intInRange(mfa.duration, 10, 86400)]]) : null],
    [
      'otp',
      otp.enabled === true
        ? collect([
            ['duration', intInRange(otp.duration, 10, 86400)],
            ['length', intInRange(otp.length, 4)],
            ['emailTemplate', checkTemplate(otp.emailTemplate)],
          ])
        : null,
    ],
    ...TOKEN_KEYS.map((k): [string, FieldErrors | null] => [k, checkToken(c[k])]),
    ...TEMPLATE_KEYS.map((k): [string, FieldErrors | null] => [k, checkTemplate(c[k])]),
  ]);
  if (base) return base;

  if (mfa.enabled === true) {
    const enabled = [passwordAuth.enabled, oauth2.enabled, otp.enabled].filter((v) => v === true).length;
    if (enabled < 2) return { mfa: { enabled: error('validation_mfa_not_enough_auths', 'MFA requires at least 2 auth methods to be enabled.') } };
    const ruleErr = checkRule(mfa.rule, c, lookup);
    if (ruleErr) return { mfa: { rule: ruleErr } };
  }
  return null;
}
