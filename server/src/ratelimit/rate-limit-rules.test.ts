import { describe, expect, it } from 'vitest';
import type { RateLimitRule } from '../core/settings/settings.js';
import { clientIp } from './client-ip.js';
import { requestTarget } from './rate-limit-labels.js';
import { findRule, rateLimitChecks } from './rate-limit-rules.js';
import { createMemoryRateLimiter } from './rate-limit-memory.js';

const rule = (label: string, audience: RateLimitRule['audience'] = '', maxRequests = 5): RateLimitRule => ({ label, audience, duration: 10, maxRequests });
const resolve = (name: string) => (name.toLowerCase() === 'users' ? { name: 'users', id: '_pb_users_auth_' } : undefined);

describe('rate limit rules', () => {
  it('tags collection actions like the contract', () => {
    expect(requestTarget('POST', '/api/collections/users/auth-with-password', resolve)).toMatchObject({
      collection: { name: 'users' },
      tags: ['authWithPassword', 'auth'],
    });
    expect(requestTarget('GET', '/api/collections/USERS/records/abc', resolve).tags).toEqual(['view']);
    expect(requestTarget('DELETE', '/api/collections/users/records', resolve).tags).toEqual([]);
    expect(requestTarget('GET', '/api/files/users/abc/a.png', resolve).tags).toEqual(['file']);
    expect(requestTarget('GET', '/api/health', resolve).collection).toBeUndefined();
  });

  it('prefers the collection label, then the wildcard, then paths, then the longest prefix', () => {
    const rules = [rule('/api/'), rule('/api/collections/'), rule('*:create'), rule('users:create'), rule('POST /api/batch')];
    expect(findRule(rules, ['users:create', '*:create', 'POST /x', '/x'], [''])?.label).toBe('users:create');
    expect(findRule(rules, ['posts:create', '*:create'], [''])?.label).toBe('*:create');
    expect(findRule(rules, ['POST /api/batch', '/api/batch'], [''])?.label).toBe('POST /api/batch');
    expect(findRule(rules, ['GET /api/collections/x/records', '/api/collections/x/records'], [''])?.label).toBe('/api/collections/');
    expect(findRule(rules, ['GET /other', '/other'], [''])).toBeNull();
  });

  it('honours audiences, the specific one first', () => {
    const rules = [rule('*:auth', ''), rule('*:auth', '@guest', 1), rule('/api/', '@auth')];
    expect(findRule(rules, ['*:auth'], ['', '@guest'])?.audience).toBe('@guest');
    expect(findRule(rules, ['*:auth'], ['', '@auth'])?.audience).toBe('');
    expect(findRule(rules, ['GET /api/x', '/api/x'], ['', '@guest'])).toBeNull();
  });

  it('counts a collection action against its path rule and its collection rule separately', () => {
    const target = requestTarget('POST', '/api/collections/users/records', resolve);
    const checks = rateLimitChecks([rule('/api/'), rule('*:create')], target, ['']);
    expect(checks.map((c) => c.rule.label)).toEqual(['/api/', '*:create']);
    expect(new Set(checks.map((c) => c.key)).size).toBe(2);
  });
});

describe('client ip', () => {
  const none = { headers: [], useLeftmostIP: false };
  it('ignores proxy headers unless trusted', () => {
    expect(clientIp('::ffff:10.0.0.1', { 'x-forwarded-for': '1.2.3.4' }, none)).toBe('10.0.0.1');
    const trusted = { headers: ['X-Forwarded-For'], useLeftmostIP: false };
    expect(clientIp('10.0.0.1', { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' }, trusted)).toBe('5.6.7.8');
    expect(clientIp('10.0.0.1', { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' }, { ...trusted, useLeftmostIP: true })).toBe('1.2.3.4');
    expect(clientIp('10.0.0.1', { 'x-forwarded-for': 'garbage' }, trusted)).toBe('10.0.0.1');
  });
});

describe('memory rate limiter', () => {
  it('allows max hits per aligned window', async () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter(() => now);
    const hits = async (n: number) => {
      const out: boolean[] = [];
      for (let i = 0; i < n; i++) out.push(await limiter.hit('k', 2, 10));
      return out;
    };
    expect(await hits(3)).toEqual([true, true, false]);
    expect(await limiter.hit('other', 2, 10)).toBe(true);
    now += 10_000;
    expect(await hits(1)).toEqual([true]);
  });
});
