/**
 * The collection model exactly as it travels on the wire (PocketBase collection JSON). Field options are kept
 * on the field object itself; each field type module (field-types/<type>.ts) knows and validates its options.
 */
export type CollectionType = 'base' | 'auth' | 'view';

export interface Field {
  id: string;
  name: string;
  type: string;
  system: boolean;
  hidden: boolean;
  presentable: boolean;
  /**
   * Write-only (Plinth): never in any read, for superusers neither; only the response to the write that set the
   * value carries it, once. Not usable in filters, sorts or rules. Absent unless set.
   */
  writeOnly?: boolean;
  /** Absent on autodate. */
  required?: boolean;
  help?: string;
  /** Type specific options: min, max, pattern, values, maxSelect, collectionId, cascadeDelete, onCreate ... */
  [option: string]: unknown;
}

export type RuleValue = string | null;

export interface TokenConfig {
  duration: number;
  /** Write-only: never serialised to clients. */
  secret?: string;
}

export interface EmailTemplate {
  subject: string;
  body: string;
}

export interface AuthOptions {
  authRule: RuleValue;
  manageRule: RuleValue;
  authAlert: { enabled: boolean; emailTemplate: EmailTemplate };
  oauth2: { enabled: boolean; mappedFields: Record<string, string>; providers: Record<string, unknown>[] };
  passwordAuth: { enabled: boolean; identityFields: string[] };
  mfa: { enabled: boolean; duration: number; rule: string };
  otp: { enabled: boolean; duration: number; length: number; emailTemplate: EmailTemplate };
  authToken: TokenConfig;
  passwordResetToken: TokenConfig;
  emailChangeToken: TokenConfig;
  verificationToken: TokenConfig;
  fileToken: TokenConfig;
  verificationTemplate: EmailTemplate;
  resetPasswordTemplate: EmailTemplate;
  confirmEmailChangeTemplate: EmailTemplate;
}

export interface Collection extends Partial<AuthOptions> {
  id: string;
  name: string;
  type: CollectionType;
  system: boolean;
  listRule: RuleValue;
  viewRule: RuleValue;
  createRule: RuleValue;
  updateRule: RuleValue;
  deleteRule: RuleValue;
  fields: Field[];
  indexes: string[];
  created: string;
  updated: string;
  viewQuery?: string;
}

export const RULE_NAMES = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export const isAuthCollection = (c: Collection): c is Collection & AuthOptions => c.type === 'auth';
