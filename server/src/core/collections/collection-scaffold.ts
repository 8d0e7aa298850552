/**
 * Scaffolds: blank collections per type with their system fields, default indexes and auth options
 * (served by /api/collections/meta/scaffolds and used as the base of every created collection).
 */
import { ALNUM, defaultFieldId, randomString } from '../ids.js';
import {
  defaultAuthAlertTemplate,
  defaultConfirmEmailChangeTemplate,
  defaultOTPTemplate,
  defaultResetPasswordTemplate,
  defaultVerificationTemplate,
} from './collection-auth-templates.js';
import { fieldType } from './field-registry.js';
import type { AuthOptions, Collection, CollectionType, Field } from './model.js';

export const TOKEN_SECRET_LENGTH = 50;

/** Fills option defaults and the default id of a field definition. */
export function completeField(field: Partial<Field> & { name: string; type: string }): Field {
  const type = fieldType(field.type);
  const withId = { system: false, hidden: false, presentable: false, ...field, id: field.id || defaultFieldId(field.type, field.name) } as Field;
  return type ? type.normalizeOptions(withId) : withId;
}

export const idField = (): Field =>
  completeField({
    name: 'id',
    type: 'text',
    system: true,
    primaryKey: true,
    required: true,
    min: 15,
    max: 15,
    pattern: '^[a-z0-9]+$',
    autogeneratePattern: '[a-z0-9]{15}',
  });

export const authSystemFields = (): Field[] => [
  completeField({ name: 'password', type: 'password', system: true, hidden: true, required: true, min: 8 }),
  completeField({
    name: 'tokenKey',
    type: 'text',
    system: true,
    hidden: true,
    required: true,
    min: 30,
    max: 60,
    autogeneratePattern: '[a-zA-Z0-9]{50}',
  }),
  completeField({ name: 'email', type: 'email', system: true, required: true }),
  completeField({ name: 'emailVisibility', type: 'bool', system: true }),
  completeField({ name: 'verified', type: 'bool', system: true }),
];

export const autodateField = (name: 'created' | 'updated', system: boolean): Field =>
  completeField({ name, type: 'autodate', system, onCreate: true, onUpdate: name === 'updated' });

export const newTokenSecret = (): string => randomString(TOKEN_SECRET_LENGTH, ALNUM);

export function defaultAuthOptions(): AuthOptions {
  return {
    authRule: '',
    manageRule: null,
    authAlert: { enabled: true, emailTemplate: defaultAuthAlertTemplate() },
    oauth2: { enabled: false, mappedFields: { id: '', name: '', username: '', avatarURL: '' }, providers: [] },
    passwordAuth: { enabled: true, identityFields: ['email'] },
    mfa: { enabled: false, duration: 600, rule: '' },
    otp: { enabled: false, duration: 180, length: 8, emailTemplate: defaultOTPTemplate() },
    authToken: { duration: 432000, secret: newTokenSecret() },
    passwordResetToken: { duration: 1800, secret: newTokenSecret() },
    emailChangeToken: { duration: 1800, secret: newTokenSecret() },
    verificationToken: { duration: 86400, secret: newTokenSecret() },
    fileToken: { duration: 180, secret: newTokenSecret() },
    verificationTemplate: defaultVerificationTemplate(),
    resetPasswordTemplate: defaultResetPasswordTemplate(),
    confirmEmailChangeTemplate: defaultConfirmEmailChangeTemplate(),
  };
}

/** The unique indexes every auth collection carries (PocketBase names them after the collection id). */
export function defaultAuthIndexes(id: string, name: string): string[] {
  return [
    `CREATE UNIQUE INDEX \`idx_tokenKey_${id}\` ON \`${name}\` (\`tokenKey\`)`,
    `CREATE UNIQUE INDEX \`idx_email_${id}\` ON \`${name}\` (\`email\`) WHERE \`email\` != ''`,
  ];
}

/** A blank collection of the given type (id and name empty, as served by /api/collections/meta/scaffolds). */
export function scaffold(type: CollectionType): Collection {
  const base: Collection = {
    id: '',
    name: '',
    type,
    system: false,
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: type === 'view' ? [] : [idField()],
    indexes: [],
    created: '',
    updated: '',
  };
  if (type === 'view') return { ...base, viewQuery: '' };
  if (type === 'auth') return { ...base, ...defaultAuthOptions(), fields: [idField(), ...authSystemFields()], indexes: defaultAuthIndexes('', '') };
  return base;
}

