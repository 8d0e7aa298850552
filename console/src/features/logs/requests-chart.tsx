/** Requests per hour (bars) from `/api/logs/stats`, for the same filter as the list. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { hourlySeries } from '../../data/logs/log-series.js';
import { useLogStats } from '../../data/logs/log-queries.js';
import { Spinner } from '../../ui/query-state.js';

export function RequestsChart({ filter, filterInvalid }: { filter: string; filterInvalid: boolean }) {
  const stats = useLogStats(filter);
  const points = stats.data ? hourlySeries(stats.data, Date.now()) : [];
  const total = points.reduce((sum, p) => sum + p.total, 0);
  return (
    <figure className="card chart" aria-label="Requests per hour">
      <figcaption>
        Requests per hour{filter && ' (filtered)'} <strong>{stats.data ? `${total} in ${points.length} h` : '—'}</strong>
      </figcaption>
      {stats.isPending ? (
        <Spinner />
      ) : stats.isError ? (
        // A bad filter is already explained next to the filter input.
        <p className={filterInvalid ? 'muted' : 'field-error'}>{filterInvalid ? 'No chart for an invalid filter.' : 'Could not load the hourly counts.'}</p>
      ) : (
        <div className="chart-body">
          <ResponsiveContainer width="100%" height={160}>
            <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: 'var(--muted)' }} minTickGap={40} />
              <YAxis tick={{ fontSize: 11, fill: 'var(--muted)' }} allowDecimals={false} />
              <Tooltip cursor={{ fill: 'var(--surface-2)' }} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
              <Bar dataKey="total" name="requests" fill="var(--accent)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
