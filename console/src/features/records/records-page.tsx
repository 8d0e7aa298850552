/** A collection's records: filter bar, column chooser, grid, paging, bulk delete and the record panel. */
import { useCallback, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { RowSelectionState } from '@tanstack/react-table';
import { isPlinthError } from '@plinth/sdk';
import { useCollection } from '../../data/collections/collection-queries.js';
import { useRecord, useRecordList } from '../../data/records/record-queries.js';
import { useDeleteRecords } from '../../data/records/record-mutations.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { errorMessage } from '../../ui/error-message.js';
import { Page } from '../../ui/page.js';
import { EmptyState, ErrorState, Spinner } from '../../ui/query-state.js';
import { FilterInput } from './filter-input.js';
import { gridFields, visibleFields } from './grid-columns.js';
import { RecordPanel } from './record-panel.js';
import { RecordsGrid } from './records-grid.js';
import { nextSort, PER_PAGE_CHOICES, readRecordsView, writeRecordsView, type RecordsView } from './records-search-params.js';
import { ColumnChooser } from './column-chooser.js';

export function RecordsPage() {
  const { name = '' } = useParams();
  const { collection, isPending, isError, error, refetch } = useCollection(name);
  if (isPending) return <Spinner />;
  if (isError) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!collection) return <ErrorState error={new Error(`No collection named "${name}".`)} />;
  return <RecordsView key={collection.id} collection={collection} />;
}

function RecordsView({ collection }: { collection: NonNullable<ReturnType<typeof useCollection>['collection']> }) {
  const [params, setParams] = useSearchParams();
  const hasCreated = collection.fields.some((f) => f.name === 'created');
  const defaultSort = hasCreated ? '-created' : '';
  const view = readRecordsView(params, defaultSort);
  const update = useCallback(
    (patch: Partial<RecordsView>, replace = false) => setParams(writeRecordsView({ ...readRecordsView(params, defaultSort), ...patch }, defaultSort), { replace }),
    [params, setParams, defaultSort],
  );
  const list = useRecordList(collection.name, { page: view.page, perPage: view.perPage, sort: view.sort, filter: view.filter });
  const [selection, setSelection] = useState<RowSelectionState>({});
  const bulkDelete = useDeleteRecords(collection.name);
  const selected = Object.keys(selection).filter((k) => selection[k]);
  const fields = visibleFields(collection, view.hidden);
  const filterError = list.isError && isPlinthError(list.error) && list.error.status === 400 ? errorMessage(list.error) : undefined;
  const opened = useRecord(collection.name, view.record === 'new' ? '' : view.record);

  return (
    <Page
      title={
        <>
          {collection.name} <span className="badge">{collection.type}</span>
        </>
      }
      actions={
        <>
          <Link className="btn" to={`/collections/${encodeURIComponent(collection.name)}/edit`}>
            Edit collection
          </Link>
          <button type="button" className="btn btn-primary" onClick={() => update({ record: 'new' })}>
            {collection.type === 'auth' ? 'New user' : 'New record'}
          </button>
        </>
      }
    >
      <div className="toolbar">
        <FilterInput value={view.filter} serverError={filterError} onApply={(filter) => update({ filter, page: 1 })} />
        <ColumnChooser fields={gridFields(collection)} hidden={view.hidden} onChange={(hidden) => update({ hidden }, true)} />
      </div>
      {selected.length > 0 && (
        <div className="bulk-bar" role="region" aria-label="Selection">
          <span>{selected.length} selected</span>
          <ConfirmButton onConfirm={() => bulkDelete.mutate(selected, { onSuccess: () => setSelection({}) })} disabled={bulkDelete.isPending}>
            Delete selected
          </ConfirmButton>
          <button type="button" className="btn btn-ghost" onClick={() => setSelection({})}>
            Clear selection
          </button>
          {bulkDelete.isError && <span className="field-error">{errorMessage(bulkDelete.error)}</span>}
        </div>
      )}
      {list.isPending ? (
        <Spinner />
      ) : list.isError && !filterError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data || list.data.items.length === 0 ? (
        <EmptyState>{view.filter ? 'No records match this filter.' : 'No records yet.'}</EmptyState>
      ) : (
        <>
          <RecordsGrid
            collection={collection}
            fields={fields}
            rows={list.data.items as never}
            sort={view.sort}
            onSort={(col) => update({ sort: nextSort(view.sort, col, defaultSort), page: 1 })}
            onOpen={(id) => update({ record: id })}
            selection={selection}
            onSelectionChange={setSelection}
          />
          <nav className="pager" aria-label="Pages">
            <span className="muted">
              {list.data.totalItems} record{list.data.totalItems === 1 ? '' : 's'} · page {list.data.page} of {Math.max(list.data.totalPages, 1)}
              {list.isFetching && ' · refreshing…'}
            </span>
            <span className="spacer" />
            <label>
              Per page{' '}
              <select value={view.perPage} onChange={(e) => update({ perPage: Number(e.target.value), page: 1 })}>
                {PER_PAGE_CHOICES.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            <button type="button" className="btn btn-small" disabled={view.page <= 1} onClick={() => update({ page: view.page - 1 })}>
              ← Prev
            </button>
            <button type="button" className="btn btn-small" disabled={view.page >= list.data.totalPages} onClick={() => update({ page: view.page + 1 })}>
              Next →
            </button>
          </nav>
        </>
      )}
      {view.record === 'new' && <RecordPanel collection={collection} onClose={() => update({ record: '' })} />}
      {view.record && view.record !== 'new' && opened.isError && <ErrorState error={opened.error} />}
      {view.record && view.record !== 'new' && opened.data && (
        <RecordPanel key={String(opened.data.id)} collection={collection} record={opened.data} onClose={() => update({ record: '' })} />
      )}
    </Page>
  );
}
