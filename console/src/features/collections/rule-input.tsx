/** One API rule: locked (superusers only, `null`) or an expression with syntax check and completion. */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CollectionModel } from '@plinth/sdk';
import { applySuggestion, checkRuleSyntax, ruleSuggestions } from './rule-syntax.js';

export function RuleInput({
  label,
  value,
  onChange,
  collection,
  serverError,
}: {
  label: string;
  value: string | null;
  onChange(v: string | null): void;
  collection: Pick<CollectionModel, 'fields'>;
  serverError?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState(0);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const locked = value === null;
  const text = value ?? '';
  const suggestions = focused && !locked ? ruleSuggestions(text, cursor, collection) : [];
  const error = serverError ?? (locked ? undefined : checkRuleSyntax(text));

  const choose = (s: string) => {
    const next = applySuggestion(text, cursor, s);
    onChange(next.text);
    setCursor(next.cursor);
    requestAnimationFrame(() => ref.current?.setSelectionRange(next.cursor, next.cursor));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!suggestions.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (e.key === 'Tab' || e.key === 'Enter') {
      e.preventDefault();
      choose(suggestions[Math.min(active, suggestions.length - 1)]!);
    }
  };

  return (
    <div className={'rule' + (error ? ' has-error' : '')}>
      <div className="rule-head">
        <label htmlFor={id}>{label}</label>
        <label className="setting-check">
          <input type="checkbox" checked={locked} onChange={(e) => onChange(e.target.checked ? null : '')} /> Superusers only
        </label>
      </div>
      <div className="rule-box">
        <input
          id={id}
          ref={ref}
          className="mono"
          disabled={locked}
          value={locked ? '' : text}
          placeholder={locked ? 'Only superusers' : 'Everyone (empty rule) — e.g. @request.auth.id != ""'}
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-invalid={!!error}
          onChange={(e) => {
            onChange(e.target.value);
            setCursor(e.target.selectionStart ?? e.target.value.length);
            setActive(0);
          }}
          onSelect={(e) => setCursor(e.currentTarget.selectionStart ?? 0)}
          onFocus={() => setFocused(true)}
          onBlur={() => setTimeout(() => setFocused(false), 150)}
          onKeyDown={onKeyDown}
        />
        {suggestions.length > 0 && (
          <ul className="suggestions" role="listbox">
            {suggestions.map((s, i) => (
              <li key={s} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => (e.preventDefault(), choose(s))}>
                {s}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && <small className="field-error">{error}</small>}
    </div>
  );
}
