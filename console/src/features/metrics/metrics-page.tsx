/** Live charts from the polled metrics summary (rates, latency percentiles, lag), plus totals, queues and the busiest routes. */
import { useMetricsHistory, useMetricsSummary } from '../../data/metrics/metrics-queries.js';
import { Page } from '../../ui/page.js';
import { QueryState } from '../../ui/query-state.js';
import { MetricsChart, type ChartLine } from './metrics-chart.js';
import { ms, RoutesTable } from './routes-table.js';

const PERCENTILE_LINES: ChartLine[] = [
  { key: 'p50Ms', name: 'p50', color: 'var(--ok)' },
  { key: 'p95Ms', name: 'p95', color: 'var(--accent)' },
  { key: 'p99Ms', name: 'p99', color: 'var(--danger)' },
];

export function MetricsPage() {
  const query = useMetricsSummary();
  const points = useMetricsHistory(query.data, query.dataUpdatedAt);
  return (
    <Page title="Metrics">
      <QueryState query={query}>
        {(s) => (
          <div className="stack">
            <div className="stats">
              <Stat label="Requests" value={s.http.requests} />
              <Stat label="4xx" value={s.http.clientErrors} />
              <Stat label="5xx" value={s.http.serverErrors} />
              <Stat label="Avg latency" value={`${s.http.avgDurationMs} ms`} />
              <Stat label="p95 latency (1 min)" value={ms(s.http.recent.p95Ms)} />
              <Stat label="In flight" value={s.http.inFlight} />
              <Stat label="Realtime clients" value={s.realtimeConnections} />
              <Stat label="Outbox lag" value={s.outboxLagSeconds === null ? '—' : `${s.outboxLagSeconds} s`} />
              <Stat label="DB queries" value={s.db.queries} />
            </div>
            <div className="charts">
              <MetricsChart title="Request rate" points={points} lines={[{ key: 'requestsPerSec' }]} unit="req/s" />
              <MetricsChart title="Latency percentiles" points={points} lines={PERCENTILE_LINES} unit="ms" />
              <MetricsChart title="Average latency" points={points} lines={[{ key: 'avgLatencyMs' }]} unit="ms" />
              <MetricsChart title="Error rate" points={points} lines={[{ key: 'errorRate' }]} unit="%" />
              <MetricsChart title="Outbox lag" points={points} lines={[{ key: 'outboxLag' }]} unit="s" />
              <MetricsChart title="Queue depth" points={points} lines={[{ key: 'queueDepth' }]} unit="jobs" />
            </div>
            <section className="card">
              <h2>Queues</h2>
              {Object.keys(s.jobs).length === 0 ? (
                <p className="muted">No queues yet.</p>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th>Queue</th>
                        {['waiting', 'active', 'delayed', 'completed', 'failed'].map((st) => (
                          <th key={st}>{st}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(s.jobs).map(([q, counts]) => (
                        <tr key={q}>
                          <td className="mono">{q}</td>
                          {['waiting', 'active', 'delayed', 'completed', 'failed'].map((st) => (
                            <td key={st}>{counts[st] ?? 0}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <RoutesTable routes={s.routes.slice(0, 10)} />
          </div>
        )}
      </QueryState>
    </Page>
  );
}

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="stat card">
      <span className="muted">{label}</span>
      <strong>{value}</strong>
    </div>
  );
}
