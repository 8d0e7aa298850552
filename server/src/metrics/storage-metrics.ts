/**
 * A storage port decorator timing every operation into `plinth_db_query_duration_seconds`, so adapters stay
 * free of metrics. A Proxy rather than a hand-written wrapper: port methods added later are timed too, and
 * sessions handed to transaction callbacks are wrapped the same way. Lifecycle calls are not timed.
 */
import type { StorageAdapter, StorageSession } from '../storage/port.js';
import type { Metrics } from './metrics.js';

const UNTIMED = new Set(['close', 'migrate', 'transaction', 'constructor']);

export function instrumentStorage<S extends StorageAdapter>(storage: S, metrics: Metrics): S {
  return wrap(storage, metrics);
}

function wrap<S extends StorageSession>(session: S, metrics: Metrics): S {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(session, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const cached = cache.get(prop);
      if (cached) return cached;
      let bound: unknown;
      if (prop === 'transaction') {
        bound = <T>(fn: (tx: StorageSession) => Promise<T>) =>
          (value as StorageSession['transaction']).call(target, (tx) => fn(wrap(tx, metrics)));
      } else if (typeof prop === 'symbol' || UNTIMED.has(prop)) {
        bound = (value as (...args: unknown[]) => unknown).bind(target);
      } else {
        const operation = prop;
        bound = (...args: unknown[]) => {
          const end = metrics.dbQueryDuration.startTimer({ operation });
          let result: unknown;
          try {
            result = (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (err) {
            end({ outcome: 'error' });
            throw err;
          }
          if (!(result instanceof Promise)) {
            end({ outcome: 'ok' });
            return result;
          }
          return result.then(
            (v) => {
              end({ outcome: 'ok' });
              return v;
            },
            (err: unknown) => {
              end({ outcome: 'error' });
              throw err;
            },
          );
        };
      }
      cache.set(prop, bound);
      return bound;
    },
  });
}
