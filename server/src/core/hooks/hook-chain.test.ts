import { describe, expect, it } from 'vitest';
import { Hook } from './hook-chain.js';

interface Ev {
  log: string[];
  value: number;
}

describe('Hook (onion chain)', () => {
  it('runs handlers outermost-first by priority, ties in registration order, around the built-in', async () => {
    const hook = new Hook<Ev>();
    const trace = (name: string) => async (e: Ev, next: () => Promise<void>) => {
      e.log.push(`${name}>`);
      await next();
      e.log.push(`<${name}`);
    };
    hook.bind(trace('b'), { priority: 10 });
    hook.bind(trace('a'), { priority: -5 });
    hook.bind(trace('c'), { priority: 10 });
    hook.bind(trace('d'));
    const event: Ev = { log: [], value: 0 };
    await hook.trigger(event, (e) => void e.log.push('builtin'));
    expect(event.log).toEqual(['a>', 'd>', 'b>', 'c>', 'builtin', '<c', '<b', '<d', '<a']);
  });

  it('lets a handler change the event before next() and read the outcome after it', async () => {
    const hook = new Hook<Ev>();
    let seen = -1;
    hook.bind(async (e, next) => {
      e.value = 20;
      await next();
      seen = e.value;
    });
    const event: Ev = { log: [], value: 1 };
    await hook.trigger(event, (e) => void (e.value *= 2));
    expect(seen).toBe(40);
  });

  it('skips the rest of the chain and the built-in when a handler does not call next()', async () => {
    const hook = new Hook<Ev>();
    let inner = false;
    hook.bind(async (e) => void e.log.push('stop'));
    hook.bind(async (e, next) => {
      e.log.push('never');
      await next();
    });
    const event: Ev = { log: [], value: 0 };
    await hook.trigger(event, () => void (inner = true));
    expect(event.log).toEqual(['stop']);
    expect(inner).toBe(false);
  });

  it('aborts with the error a handler throws, before or after next()', async () => {
    const hook = new Hook<Ev>();
    hook.bind(async () => {
      throw new Error('refused');
    });
    await expect(hook.trigger({ log: [], value: 0 }, () => undefined)).rejects.toThrow('refused');
  });

  it('runs tagged handlers only for events carrying one of their tags', async () => {
    const hook = new Hook<Ev>();
    hook.bind(async (e, next) => (e.log.push('posts'), next()), { tags: ['posts'] });
    hook.bind(async (e, next) => (e.log.push('any'), next()));
    hook.bind(async (e, next) => (e.log.push('id'), next()), { tags: ['pbc_123'] });
    const a: Ev = { log: [], value: 0 };
    await hook.trigger(a, () => undefined, ['comments', 'pbc_999']);
    expect(a.log).toEqual(['any']);
    const b: Ev = { log: [], value: 0 };
    await hook.trigger(b, () => undefined, ['posts', 'pbc_123']);
    expect(b.log).toEqual(['posts', 'any', 'id']);
    expect(hook.has(['comments'])).toBe(true);
  });

  it('unbinds, and refuses next() twice', async () => {
    const hook = new Hook<Ev>();
    const unbind = hook.bind(async (e, next) => {
      await next();
      await next();
    });
    await expect(hook.trigger({ log: [], value: 0 }, () => undefined)).rejects.toThrow('multiple');
    unbind();
    expect(hook.has()).toBe(false);
  });
});
