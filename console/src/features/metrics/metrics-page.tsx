/** Live charts from the polled metrics summary, plus totals, queues and the busiest routes. */
import { useMetricsHistory, useMetricsSummary } from '../../data/metrics/metrics-queries.js';
import { Page } from '../../ui/page.js';
import { QueryState } from '../../ui/query-state.js';
import { MetricsChart } from './metrics-chart.js';

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
              <Stat label="In flight" value={s.http.inFlight} />
              <Stat label="Realtime clients" value={s.realtimeConnections} />
              <Stat label="Outbox lag" value={s.outboxLagSeconds === null ? '—' : `${s.outboxLagSeconds} s`} />
              <Stat label="DB queries" value={s.db.queries} />
            </div>
            <div className="charts">
              <MetricsChart title="Request rate" points={points} dataKey="requestsPerSec" unit="req/s" />
              <MetricsChart title="Average latency" points={points} dataKey="avgLatencyMs" unit="ms" />
              <MetricsChart title="Error rate" points={points} dataKey="errorRate" unit="%" />
              <MetricsChart title="Outbox lag" points={points} dataKey="outboxLag" unit="s" />
              <MetricsChart title="Queue depth" points={points} dataKey="queueDepth" unit="jobs" />
            </div>
            <div className="grid-2">
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
              <section className="card">
                <h2>Busiest routes</h2>
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th>Route</th>
                        <th>Requests</th>
                        <th>Avg</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.routes.slice(0, 10).map((r) => (
                        <tr key={r.method + r.route}>
                          <td className="mono">
                            {r.method} {r.route}
                          </td>
                          <td>{r.requests}</td>
                          <td>{r.avgDurationMs} ms</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </div>
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
