/**
 * Peer presence on the events channel: who counts as another instance, for how long, and what is said back.
 * The PostgreSQL side (hints only while a peer listens) is in sql-event-signal.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parsePeerMessage, PeerPresence } from './peer-presence.js';

function presence(ttlMs = 30_000) {
  let now = 1_000;
  const sent: string[] = [];
  const peers = new PeerPresence('me', (p) => sent.push(p), ttlMs, () => now);
  return { peers, sent, advance: (ms: number) => (now += ms) };
}

describe('PeerPresence', () => {
  it('reads the three kinds of payload; anything unprefixed is a commit hint from its origin', () => {
    expect(parsePeerMessage('hello:a1')).toEqual({ kind: 'hello', origin: 'a1' });
    expect(parsePeerMessage('here:a1')).toEqual({ kind: 'here', origin: 'a1' });
    expect(parsePeerMessage('a1')).toEqual({ kind: 'hint', origin: 'a1' });
    expect(parsePeerMessage('other:a1')).toEqual({ kind: 'hint', origin: 'other:a1' });
    expect(parsePeerMessage('hellox')).toEqual({ kind: 'hint', origin: 'hellox' });
  });

  it('knows no peer until another origin is heard, and ignores its own messages', () => {
    const { peers, sent } = presence();
    expect(peers.any()).toBe(false);
    expect(peers.receive('me')).toBeNull();
    expect(peers.receive('hello:me')).toBeNull();
    expect(peers.any()).toBe(false);
    expect(sent).toEqual([]);
    expect(peers.receive('other')).toEqual({ kind: 'hint', origin: 'other' });
    expect(peers.any()).toBe(true);
    peers.close();
  });

  it('answers a hello with its own origin, and announces itself with one', () => {
    const { peers, sent } = presence();
    peers.announce();
    expect(peers.receive('hello:b')?.kind).toBe('hello');
    expect(peers.receive('here:c')?.kind).toBe('here');
    expect(sent).toEqual(['hello:me', 'here:me']);
    expect(peers.hint()).toBe('me');
    peers.close();
  });

  it('forgets a peer not heard from within the TTL', () => {
    const { peers, advance } = presence(1_000);
    peers.receive('here:b');
    advance(999);
    expect(peers.any()).toBe(true);
    advance(2);
    expect(peers.any()).toBe(false);
    peers.close();
  });
});
