/** Request logs: filter (in the URL, errors inline), requests-per-hour chart for the same filter, table, paging, drawer. */
import { isPlinthError } from '@plinth/sdk';
import { useLogList } from '../../data/logs/log-queries.js';
import { errorMessage } from '../../ui/error-message.js';
import { Page } from '../../ui/page.js';
import { Pager } from '../../ui/pager.js';
import { EmptyState, ErrorState, Spinner } from '../../ui/query-state.js';
import { useSearchView } from '../../ui/search-view.js';
import { FilterInput } from '../records/filter-input.js';
import { PER_PAGE_CHOICES } from '../records/records-search-params.js';
import { LogDrawer } from './log-drawer.js';
import { LogsTable } from './logs-table.js';
import { RequestsChart } from './requests-chart.js';

const LOGS_VIEW = { filter: '', sort: '-created', page: 1, perPage: 20, log: '' };

export function LogsPage() {
  const [view, update] = useSearchView(LOGS_VIEW);
  const list = useLogList({ filter: view.filter, sort: view.sort, page: view.page, perPage: Math.min(view.perPage, 500) });
  const filterError = list.isError && isPlinthError(list.error) && list.error.status === 400 ? errorMessage(list.error) : undefined;
  return (
    <Page title="Logs">
      <div className="toolbar">
        <FilterInput value={view.filter} serverError={filterError} onApply={(filter) => update({ filter, page: 1 })} />
      </div>
      <RequestsChart filter={view.filter} filterInvalid={!!filterError} />
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        filterError ? null : <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{view.filter ? 'No log entries match this filter.' : 'No log entries yet.'}</EmptyState>
      ) : (
        <>
          <LogsTable items={list.data.items} sort={view.sort} onSort={(sort) => update({ sort, page: 1 })} onOpen={(log) => update({ log })} />
          <Pager
            summary={
              <>
                {list.data.totalItems} entr{list.data.totalItems === 1 ? 'y' : 'ies'} · page {list.data.page} of {Math.max(list.data.totalPages, 1)}
                {list.isFetching && ' · refreshing…'}
              </>
            }
            page={view.page}
            hasNext={view.page < list.data.totalPages}
            onPage={(page) => update({ page })}
            perPage={view.perPage}
            perPageChoices={PER_PAGE_CHOICES}
            onPerPage={(perPage) => update({ perPage, page: 1 })}
          />
        </>
      )}
      {view.log && <LogDrawer id={view.log} onClose={() => update({ log: '' })} />}
    </Page>
  );
}
