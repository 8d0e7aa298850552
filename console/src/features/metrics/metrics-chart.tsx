import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricsPoint } from '../../data/metrics/metrics-queries.js';

export function MetricsChart({ title, points, dataKey, unit }: { title: string; points: MetricsPoint[]; dataKey: keyof MetricsPoint; unit: string }) {
  const last = points.at(-1)?.[dataKey];
  return (
    <figure className="card chart" aria-label={title}>
      <figcaption>
        {title} <strong>{last === undefined ? '—' : `${last} ${unit}`}</strong>
      </figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={160}>
          <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: 'var(--muted)' }} minTickGap={40} />
            <YAxis tick={{ fontSize: 11, fill: 'var(--muted)' }} allowDecimals />
            <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            <Line type="monotone" dataKey={dataKey} stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
