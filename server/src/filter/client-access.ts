/**
 * PocketBase refuses non-superuser filters/sorts mentioning `@collection.` or `@request.` anywhere (a plain
 * substring check, so even inside text literals), `@collection.` being reported first.
 */
import { FilterError } from './errors.js';

const superuserOnlyPrefixes = ['@collection.', '@request.'];

export function assertNoSuperuserOnlyFields(texts: Iterable<string>): void {
  const all = [...texts];
  for (const prefix of superuserOnlyPrefixes) {
    if (all.some((text) => text.includes(prefix))) {
      throw new FilterError(`Only superusers can filter by ${prefix}`, 403);
    }
  }
}
