/**
 * Subscription strings (contract 6): `<collection>/*`, `<collection>/<recordId>`, a bare `<collection>` (same
 * as `/*`), each optionally with `?options=<urlencoded JSON {query, headers}>`. The event name sent back is the
 * exact string the client subscribed with.
 */
export interface RealtimeTopic {
  /** The subscription string exactly as sent. */
  raw: string;
  collection: string;
  /** undefined: every record of the collection (listRule); otherwise one record (viewRule). */
  recordId?: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

const stringify = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

function stringMap(raw: unknown, key: (k: string) => string = (k) => k): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw)) if (v !== undefined && v !== null) out[key(k)] = stringify(v);
  return out;
}

/** Parses one subscription string; null for strings that can never match a record event (e.g. `@oauth2`). */
export function parseTopic(raw: string): RealtimeTopic | null {
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  let query: Record<string, string> = {};
  let headers: Record<string, string> = {};
  if (q !== -1) {
    const options = new URLSearchParams(raw.slice(q + 1)).get('options');
    if (options) {
      try {
        const parsed = JSON.parse(options) as { query?: unknown; headers?: unknown };
        query = stringMap(parsed.query);
        headers = stringMap(parsed.headers, (k) => k.toLowerCase().replace(/-/g, '_'));
      } catch {
        // Unparsable options: the topic still works, without them (PocketBase ignores them too).
      }
    }
  }
  const slash = path.indexOf('/');
  const collection = slash === -1 ? path : path.slice(0, slash);
  const id = slash === -1 ? '*' : path.slice(slash + 1);
  if (!collection || collection.startsWith('@') || !id) return null;
  return { raw, collection, recordId: id === '*' ? undefined : id, query, headers };
}
