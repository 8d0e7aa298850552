/**
 * Flat page state kept in the URL's search params (a queue and state, a filter and page, an open item), so every
 * view can be bookmarked and shared. Numbers fall back to their default unless they are positive integers;
 * only values that differ from the defaults are written, to keep links short.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type FlatView = Record<string, string | number>;

export function readView<V extends FlatView>(params: URLSearchParams, defaults: V): V {
  const out: FlatView = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const raw = params.get(key);
    if (typeof fallback === 'number') {
      const n = Number(raw);
      out[key] = raw !== null && Number.isInteger(n) && n > 0 ? n : fallback;
    } else out[key] = raw ?? fallback;
  }
  return out as V;
}

export function writeView<V extends FlatView>(view: V, defaults: V): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = view[key];
    if (value !== undefined && value !== fallback && value !== '') out.set(key, String(value));
  }
  return out;
}

/** The view read from the URL, and `update(patch, replace?)` that writes the merged view back. */
export function useSearchView<V extends FlatView>(defaults: V): [V, (patch: Partial<V>, replace?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const view = readView(params, defaults);
  const update = useCallback(
    (patch: Partial<V>, replace = false) => setParams((current) => writeView({ ...readView(current, defaults), ...patch }, defaults), { replace }),
    [setParams, defaults],
  );
  return [view, update];
}
