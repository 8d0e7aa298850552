/** Loaded plugins with what they registered and their editable settings; `?plugin=name` picks one out. */
import { usePlugins } from '../../data/plugins/plugin-queries.js';
import { Page } from '../../ui/page.js';
import { QueryState } from '../../ui/query-state.js';
import { useSearchView } from '../../ui/search-view.js';
import { PluginCard } from './plugin-card.js';

const PLUGINS_VIEW = { plugin: '' };

export function PluginsPage() {
  const [view] = useSearchView(PLUGINS_VIEW);
  const plugins = usePlugins();
  return (
    <Page title="Plugins">
      <QueryState
        query={plugins}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <span>
            No plugins are loaded. Start Plinth with <code>PLINTH_PLUGINS</code> (module names or paths) or <code>PLINTH_PLUGINS_FILE</code> to add some.
          </span>
        }
      >
        {(data) => (
          <div className="stack">
            {view.plugin && !data.items.some((p) => p.name === view.plugin) && <p className="field-error">No plugin named “{view.plugin}” is loaded.</p>}
            {data.items.map((p) => (
              <PluginCard key={p.name} plugin={p} selected={p.name === view.plugin} />
            ))}
          </div>
        )}
      </QueryState>
    </Page>
  );
}
