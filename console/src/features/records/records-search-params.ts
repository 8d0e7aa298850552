/**
 * The records view's state lives in the URL (filter, sort, page, page size, columns, open record), so any
 * view — a filtered, sorted page with a record open — can be bookmarked and shared.
 */
export interface RecordsView {
  filter: string;
  sort: string;
  page: number;
  perPage: number;
  /** Columns hidden by the user (absent: the defaults). */
  hidden: string[];
  /** Record id open in the side panel, 'new', or ''. */
  record: string;
}

export const PER_PAGE_CHOICES = [10, 20, 50, 100];
const DEFAULTS: RecordsView = { filter: '', sort: '-created', page: 1, perPage: 20, hidden: [], record: '' };

export function readRecordsView(params: URLSearchParams, defaultSort = DEFAULTS.sort): RecordsView {
  const int = (v: string | null, d: number) => {
    const n = Number(v);
    return Number.isInteger(n) && n > 0 ? n : d;
  };
  return {
    filter: params.get('filter') ?? '',
    sort: params.get('sort') ?? defaultSort,
    page: int(params.get('page'), 1),
    perPage: Math.min(int(params.get('perPage'), DEFAULTS.perPage), 500),
    hidden: (params.get('hidden') ?? '').split(',').filter(Boolean),
    record: params.get('record') ?? '',
  };
}

/** Only non-default values are written, to keep links short. */
export function writeRecordsView(view: RecordsView, defaultSort = DEFAULTS.sort): URLSearchParams {
  const out = new URLSearchParams();
  if (view.filter) out.set('filter', view.filter);
  if (view.sort !== defaultSort) out.set('sort', view.sort);
  if (view.page !== 1) out.set('page', String(view.page));
  if (view.perPage !== DEFAULTS.perPage) out.set('perPage', String(view.perPage));
  if (view.hidden.length) out.set('hidden', view.hidden.join(','));
  if (view.record) out.set('record', view.record);
  return out;
}

/** Clicking a column header: ascending, then descending, then back to the default order. */
export function nextSort(current: string, column: string, defaultSort = DEFAULTS.sort): string {
  if (current === column) return `-${column}`;
  if (current === `-${column}`) return defaultSort === `-${column}` ? column : defaultSort;
  return column;
}

export function sortDirection(current: string, column: string): 'asc' | 'desc' | undefined {
  if (current === column) return 'asc';
  if (current === `-${column}`) return 'desc';
  return undefined;
}
