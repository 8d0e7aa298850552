import { describe, expect, it } from 'vitest';
import { requestLogEntry, toLogJSON } from './log-entry.js';

const facts = {
  method: 'POST',
  url: '/api/x?y=1',
  status: 200,
  execTimeMs: 1.23456,
  remoteIP: '10.0.0.9',
  userIP: '203.0.113.7',
  userAgent: 'ua',
  referer: '',
  authCollection: 'users',
  authId: 'u1',
};

describe('request log entries', () => {
  it('carry PocketBase request data and levels by status', () => {
    const at = new Date('2025-01-02T03:04:05Z');
    const entry = requestLogEntry(facts, { logIP: true, logAuthId: true }, at);
    expect(entry).toEqual({
      level: 0,
      message: 'POST /api/x?y=1',
      created: at,
      data: { type: 'request', method: 'POST', url: '/api/x?y=1', status: 200, execTime: 1.235, auth: 'users', authId: 'u1', remoteIP: '10.0.0.9', userIP: '203.0.113.7', userAgent: 'ua', referer: '' },
    });
    expect(requestLogEntry({ ...facts, status: 404 }, { logIP: true, logAuthId: false }, at).level).toBe(4);
    expect(requestLogEntry({ ...facts, status: 503 }, { logIP: true, logAuthId: false }, at).level).toBe(8);
  });

  it('leave out the IP and the auth id unless settings allow them', () => {
    const { data } = requestLogEntry(facts, { logIP: false, logAuthId: false }, new Date());
    expect(data).not.toHaveProperty('remoteIP');
    expect(data).not.toHaveProperty('userIP');
    expect(data).not.toHaveProperty('authId');
    expect(data.auth).toBe('users');
  });

  it('serialise as {id, created, level, message, data}', () => {
    expect(toLogJSON({ id: 'a', created: 'c', level: 4, message: 'm', data: { x: 1 }, updated: 'u' })).toEqual({ id: 'a', created: 'c', level: 4, message: 'm', data: { x: 1 } });
    expect(toLogJSON({ id: 'a', data: null }).data).toEqual({});
  });
});
