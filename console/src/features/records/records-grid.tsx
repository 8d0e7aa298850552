/**
 * The records table (TanStack Table, server-side paging and sort). Keyboard: arrow keys / Home / End move
 * between rows, Enter opens the row, Space selects it; one row is tabbable at a time (roving tabindex).
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type RowSelectionState } from '@tanstack/react-table';
import type { CollectionModel, FieldModel } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';
import { useFieldRegistry } from '../../fields/field-registry.js';
import { sortDirection } from './records-search-params.js';

type Row = Record<string, unknown> & { id: string };
const helper = createColumnHelper<Row>();

export function RecordsGrid({
  collection,
  fields,
  rows,
  sort,
  onSort,
  onOpen,
  selection,
  onSelectionChange,
}: {
  collection: CollectionModel;
  fields: FieldModel[];
  rows: Row[];
  sort: string;
  onSort(column: string): void;
  onOpen(id: string): void;
  selection: RowSelectionState;
  onSelectionChange(s: RowSelectionState): void;
}) {
  const registry = useFieldRegistry();
  const client = useClient();
  const [focusIndex, setFocusIndex] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);

  const columns = useMemo(
    () => [
      helper.display({
        id: '_select',
        header: ({ table }) => (
          <input type="checkbox" aria-label="Select all rows" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
        ),
        cell: ({ row }) => (
          <input type="checkbox" aria-label={`Select ${row.original.id}`} tabIndex={-1} checked={row.getIsSelected()} onClick={(e) => e.stopPropagation()} onChange={row.getToggleSelectedHandler()} />
        ),
      }),
      ...fields.map((f) =>
        helper.accessor((r) => r[f.name], {
          id: f.name,
          header: f.name,
          cell: ({ getValue, row }) => {
            const type = registry.get(f.type);
            return <type.View field={f} value={getValue()} record={row.original} collection={collection} client={client} />;
          },
        }),
      ),
    ],
    [fields, registry, collection, client],
  );

  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (r) => r.id,
    state: { rowSelection: selection },
    enableRowSelection: true,
    onRowSelectionChange: (u) => onSelectionChange(typeof u === 'function' ? u(selection) : u),
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
  });

  const focusRow = (i: number) => {
    const n = Math.max(0, Math.min(rows.length - 1, i));
    setFocusIndex(n);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr')[n]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, i: number, id: string) => {
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1, PageDown: i + 10, PageUp: i - 10 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(moves[e.key]!);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(id);
    } else if (e.key === ' ') {
      e.preventDefault();
      table.getRow(id).toggleSelected();
    }
  };
  const active = Math.min(focusIndex, rows.length - 1);

  return (
    <div className="table-wrap">
      <table className="table records-table" aria-rowcount={rows.length}>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                if (h.column.id === '_select') return <th key={h.id} className="col-select">{flexRender(h.column.columnDef.header, h.getContext())}</th>;
                const dir = sortDirection(sort, h.column.id);
                return (
                  <th key={h.id} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                    <button type="button" className="th-sort" onClick={() => onSort(h.column.id)}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden className="sort-mark">
                        {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody ref={body}>
          {table.getRowModel().rows.map((row, i) => (
            <tr
              key={row.id}
              tabIndex={i === active ? 0 : -1}
              className={row.getIsSelected() ? 'selected' : undefined}
              aria-selected={row.getIsSelected()}
              onClick={() => onOpen(row.id)}
              onFocus={() => setFocusIndex(i)}
              onKeyDown={(e) => onKeyDown(e, i, row.id)}
              data-id={row.id}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.id === '_select' ? 'col-select' : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
