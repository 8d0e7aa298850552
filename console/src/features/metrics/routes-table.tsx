/** The busiest routes with their request count, average and percentile latencies (since the server started). */
import type { MetricsSummary } from '@plinth/sdk';

export const ms = (value: number | null | undefined) => (typeof value === 'number' ? `${value} ms` : '—');

export function RoutesTable({ routes }: { routes: MetricsSummary['routes'] }) {
  return (
    <section className="card">
      <h2>Busiest routes</h2>
      <div className="table-wrap">
        <table className="table routes-table">
          <thead>
            <tr>
              <th>Route</th>
              <th>Requests</th>
              <th>Avg</th>
              <th>p50</th>
              <th>p95</th>
              <th>p99</th>
            </tr>
          </thead>
          <tbody>
            {routes.map((r) => (
              <tr key={r.method + r.route}>
                <td className="mono">
                  {r.method} {r.route}
                </td>
                <td>{r.requests}</td>
                <td>{ms(r.avgDurationMs)}</td>
                <td>{ms(r.p50Ms)}</td>
                <td>{ms(r.p95Ms)}</td>
                <td>{ms(r.p99Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
