/**
 * The filter bar: the text is applied on Enter (it goes into the URL); a local syntax check runs while typing
 * and the server's answer to a bad filter is shown in the same place.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { checkRuleSyntax } from '../collections/rule-syntax.js';

export function FilterInput({ value, onApply, serverError }: { value: string; onApply(filter: string): void; serverError?: string }) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const localError = checkRuleSyntax(text);
  const dirty = text !== value;
  const error = localError ?? (!dirty ? serverError : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!localError) onApply(text.trim());
  };
  return (
    <form className={'filter-bar' + (error ? ' has-error' : '')} onSubmit={submit} role="search">
      <label htmlFor={id} className="visually-hidden">
        Filter
      </label>
      <input
        id={id}
        className="mono"
        type="search"
        placeholder={'Filter, e.g. title ~ "hello" && views > 10'}
        value={text}
        spellCheck={false}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      <button className="btn" disabled={!!localError}>
        Apply
      </button>
      {value && (
        <button type="button" className="btn btn-ghost" onClick={() => onApply('')}>
          Clear
        </button>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error filter-error" role="alert">
          {error}
        </small>
      )}
    </form>
  );
}
