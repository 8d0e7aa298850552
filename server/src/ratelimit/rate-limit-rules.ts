/**
 * Which settings.rateLimits rules a request counts against (contract 9). Every request is checked against the
 * path rules (`METHOD /path`, `/path`, then the longest `/prefix/`); a request to a collection action is also
 * checked against the collection rules (`<collection>:<tag>`, then `*:<tag>`, then the path labels). Each rule
 * found is one counter per client; a collection rule counts per collection and action.
 */
import type { RateLimitAudience, RateLimitRule } from '../core/settings/settings.js';
import type { RequestTarget } from './rate-limit-labels.js';

export interface RateLimitCheck {
  rule: RateLimitRule;
  /** Counter identity (without the client key). */
  key: string;
}

/** PocketBase's rule lookup: the first label with a matching rule wins, then the longest path prefix. */
export function findRule(rules: RateLimitRule[], labels: string[], audiences: RateLimitAudience[]): RateLimitRule | null {
  const allowed = (r: RateLimitRule) => audiences.includes(r.audience ?? '');
  for (const label of labels) {
    const matching = rules.filter((r) => r.label === label && allowed(r));
    // A rule for this very audience is more specific than one for everybody.
    if (matching.length) return matching.find((r) => r.audience !== '') ?? matching[0];
  }
  const path = labels.find((l) => l.startsWith('/'));
  const method = labels.find((l) => !l.startsWith('/') && / \//.test(l))?.split(' ')[0];
  if (!path) return null;
  let best: RateLimitRule | null = null;
  let bestLength = -1;
  for (const rule of rules) {
    if (!allowed(rule) || !rule.label.endsWith('/')) continue;
    const [ruleMethod, rulePath] = rule.label.includes(' ') ? rule.label.split(' ', 2) : [undefined, rule.label];
    if (ruleMethod && ruleMethod !== method) continue;
    if (!(path + '/').startsWith(rulePath)) continue;
    const length = rulePath.length + (ruleMethod ? 0.5 : 0);
    if (length > bestLength || (length === bestLength && rule.audience !== '')) {
      best = rule;
      bestLength = length;
    }
  }
  return best;
}

export function rateLimitChecks(rules: RateLimitRule[], target: RequestTarget, audiences: RateLimitAudience[]): RateLimitCheck[] {
  const pathLabels = [`${target.method} ${target.path}`, target.path];
  const checks: RateLimitCheck[] = [];
  const global = findRule(rules, pathLabels, audiences);
  if (global) checks.push({ rule: global, key: `path|${global.label}|${global.audience}` });
  if (target.collection) {
    const { name, id } = target.collection;
    const labels = [...target.tags.map((t) => `${name}:${t}`), ...target.tags.map((t) => `*:${t}`), ...pathLabels];
    const rule = findRule(rules, labels, audiences);
    if (rule && rule !== global) checks.push({ rule, key: `col|${id}|${target.tags.join(',')}|${rule.label}|${rule.audience}` });
  }
  return checks;
}
