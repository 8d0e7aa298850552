import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricsPoint } from '../../data/metrics/metrics-queries.js';

/** One series of a chart; `name` labels it in the caption, the legend and the tooltip when there are several. */
export interface ChartLine {
  key: keyof MetricsPoint;
  name?: string;
  color?: string;
}

const axisTick = { fontSize: 11, fill: 'var(--muted)' };

export function MetricsChart({ title, points, lines, unit }: { title: string; points: MetricsPoint[]; lines: ChartLine[]; unit: string }) {
  const last = points.at(-1);
  const current = (line: ChartLine) => {
    const v = last?.[line.key];
    return v === undefined || v === null ? '—' : `${v}`;
  };
  return (
    <figure className="card chart" aria-label={title}>
      <figcaption>
        {title}{' '}
        <strong>
          {lines.map((line) => (lines.length > 1 ? `${line.name} ${current(line)}` : current(line))).join(' · ')} {last ? unit : ''}
        </strong>
      </figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={160}>
          <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="label" tick={axisTick} minTickGap={40} />
            <YAxis tick={axisTick} allowDecimals />
            <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            {lines.length > 1 && <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />}
            {lines.map((line) => (
              <Line
                key={line.key}
                type="monotone"
                dataKey={line.key}
                name={line.name ?? title}
                stroke={line.color ?? 'var(--accent)'}
                strokeWidth={2}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
