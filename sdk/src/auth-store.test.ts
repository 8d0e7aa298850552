import { afterEach, describe, expect, it } from 'vitest';
import { decodeToken, isTokenValid, LocalAuthStore, MemoryAuthStore } from './auth-store.js';
import { topicKey } from './realtime.js';

const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
const future = Math.floor(Date.now() / 1000) + 3600;

describe('auth stores', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('decodes tokens and judges validity', () => {
    expect(decodeToken(jwt({ id: 'x', exp: future }))).toMatchObject({ id: 'x' });
    expect(decodeToken('garbage')).toEqual({});
    expect(isTokenValid(jwt({ exp: future }))).toBe(true);
    expect(isTokenValid(jwt({ exp: future }), 7200)).toBe(false);
    expect(isTokenValid('')).toBe(false);
  });

  it('detects superusers by record or by the token collection id', () => {
    const s = new MemoryAuthStore();
    s.save(jwt({ type: 'auth', collectionId: 'pbc_3142635823', exp: future }), null);
    expect(s.isSuperuser).toBe(true);
    s.save(jwt({ type: 'auth', exp: future }), { id: 'u', collectionId: 'c', collectionName: 'users' });
    expect(s.isSuperuser).toBe(false);
  });

  it('persists in localStorage and restores from it', () => {
    const data = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    const a = new LocalAuthStore('k');
    a.save(jwt({ exp: future }), { id: 'u1', collectionId: 'c', collectionName: 'users' });
    expect(new LocalAuthStore('k').record?.id).toBe('u1');
    a.clear();
    expect(data.has('k')).toBe(false);
  });

  it('encodes realtime topics with options the way the server echoes them', () => {
    expect(topicKey('posts/*', {})).toBe('posts/*');
    const key = topicKey('posts/*', { filter: 'a = 1', query: { expand: 'author', n: 1 as never }, headers: { x: 'y' } });
    expect(JSON.parse(decodeURIComponent(key.split('?options=')[1]))).toEqual({ query: { expand: 'author', n: '1', filter: 'a = 1' }, headers: { x: 'y' } });
  });
});
