/** A page of log entries; headers sort (server-side), a row opens the entry. */
import type { LogEntry } from '@plinth/sdk';
import { nextSort, sortDirection } from '../records/records-search-params.js';
import { levelBadge, levelName } from './log-levels.js';

const COLUMNS: { key: string; label: string }[] = [
  { key: 'created', label: 'Time' },
  { key: 'level', label: 'Level' },
  { key: 'message', label: 'Request' },
  { key: 'data.status', label: 'Status' },
  { key: 'data.execTime', label: 'Duration' },
  { key: 'data.userIP', label: 'IP' },
];
const DEFAULT_SORT = '-created';

const cell = (entry: LogEntry, key: string) => {
  if (key === 'created') return entry.created.replace(/\.\d+Z$/, 'Z');
  if (key === 'level') return <span className={'badge ' + levelBadge(entry.level)}>{levelName(entry.level)}</span>;
  if (key === 'message') return <span className="mono ellipsis">{entry.message}</span>;
  const v = entry.data[key.slice('data.'.length)];
  if (v === undefined || v === null || v === '') return '';
  return key === 'data.execTime' ? `${v} ms` : String(v);
};

export function LogsTable({ items, sort, onSort, onOpen }: { items: LogEntry[]; sort: string; onSort(sort: string): void; onOpen(id: string): void }) {
  return (
    <div className="table-wrap">
      <table className="table logs-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const dir = sortDirection(sort, c.key);
              return (
                <th key={c.key} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
                  <button type="button" className="th-sort" onClick={() => onSort(nextSort(sort, c.key, DEFAULT_SORT))}>
                    {c.label}
                    {dir && <span className="sort-mark">{dir === 'asc' ? '▲' : '▼'}</span>}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.id} className="clickable" tabIndex={0} onClick={() => onOpen(entry.id)} onKeyDown={(e) => e.key === 'Enter' && onOpen(entry.id)}>
              {COLUMNS.map((c) => (
                <td key={c.key}>{cell(entry, c.key)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
