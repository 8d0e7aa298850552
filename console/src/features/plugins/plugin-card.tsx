/** One loaded plugin: what it registered (routes, hooks, jobs, crons), its config, and its settings form. */
import { Link } from 'react-router';
import type { PluginInfo } from '@plinth/sdk';
import { PluginSettingsForm } from './plugin-settings-form.js';

function List({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      <h4>
        {title} <span className="muted">{items.length}</span>
      </h4>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="plain-list mono">
          {items.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function PluginCard({ plugin, selected }: { plugin: PluginInfo; selected: boolean }) {
  return (
    <article
      className={'card stack plugin-card' + (selected ? ' selected' : '')}
      aria-label={`Plugin ${plugin.name}`}
      ref={(el) => {
        if (selected) el?.scrollIntoView({ block: 'nearest' });
      }}
    >
      <header className="page-header">
        <h2>
          <Link to={`?plugin=${encodeURIComponent(plugin.name)}`}>{plugin.name}</Link> {plugin.version && <span className="badge">v{plugin.version}</span>}
        </h2>
        <span className="muted mono ellipsis" title={plugin.source}>
          {plugin.source}
        </span>
      </header>
      <div className="grid-2">
        <List title="Routes" items={plugin.routes.map((r) => `${r.method} ${r.path}`)} />
        <List title="Hooks" items={plugin.hooks} />
        <List title="Jobs" items={plugin.jobs} />
        <List title="Crons" items={plugin.crons.map((c) => `${c.id}  ${c.expression}`)} />
      </div>
      <div className="grid-2">
        <section>
          <h4>Config</h4>
          <pre className="code">{JSON.stringify(plugin.config, null, 2)}</pre>
        </section>
        <section>
          <h4>Settings</h4>
          {plugin.settings ? (
            <PluginSettingsForm plugin={plugin.name} settings={plugin.settings} />
          ) : (
            <p className="muted">This plugin declares no settings.</p>
          )}
        </section>
      </div>
    </article>
  );
}
