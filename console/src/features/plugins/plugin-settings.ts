/**
 * A plugin's settings section as a form. The server accepts only the section's keys with the same JSON types
 * as their defaults, so each input follows the current value's type: a checkbox for booleans, a number input,
 * a text input, and JSON text for objects, arrays and null. Only changed keys are sent.
 */
export type SettingKind = 'boolean' | 'number' | 'string' | 'json';
export type Draft = Record<string, string | boolean>;

export function kindOf(value: unknown): SettingKind {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return 'json';
}

export function toDraft(settings: Record<string, unknown>): Draft {
  const out: Draft = {};
  for (const [key, value] of Object.entries(settings)) {
    const kind = kindOf(value);
    out[key] = kind === 'boolean' ? (value as boolean) : kind === 'json' ? JSON.stringify(value, null, 2) : String(value);
  }
  return out;
}

/** The changed keys as typed values, or local errors by key (nothing is sent then). */
export function toPatch(settings: Record<string, unknown>, draft: Draft): { patch: Record<string, unknown>; errors: Record<string, string> } {
  const patch: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [key, current] of Object.entries(settings)) {
    const raw = draft[key];
    if (raw === undefined) continue;
    let next: unknown = raw;
    const kind = kindOf(current);
    if (kind === 'number') {
      next = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(next)) {
        errors[key] = 'Must be a number.';
        continue;
      }
    } else if (kind === 'json') {
      try {
        next = JSON.parse(String(raw));
      } catch {
        errors[key] = 'Must be valid JSON.';
        continue;
      }
    }
    if (JSON.stringify(next) !== JSON.stringify(current)) patch[key] = next;
  }
  return { patch, errors };
}
