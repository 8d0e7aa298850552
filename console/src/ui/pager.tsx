/** Prev/next paging with a summary and an optional page-size choice. */
import type { ReactNode } from 'react';

export function Pager({
  summary,
  page,
  hasNext,
  onPage,
  perPage,
  perPageChoices,
  onPerPage,
}: {
  summary: ReactNode;
  page: number;
  hasNext: boolean;
  onPage(page: number): void;
  perPage?: number;
  perPageChoices?: readonly number[];
  onPerPage?(perPage: number): void;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">{summary}</span>
      <span className="spacer" />
      {onPerPage && perPageChoices && (
        <label>
          Per page{' '}
          <select value={perPage} onChange={(e) => onPerPage(Number(e.target.value))}>
            {perPageChoices.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Prev
      </button>
      <button type="button" className="btn btn-small" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
