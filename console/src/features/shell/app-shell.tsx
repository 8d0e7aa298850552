/** The frame around every signed-in view: navigation (a sidebar; a top bar on phones), theme and logout. */
import { NavLink, Outlet } from 'react-router';
import { useLogout, useSession } from '../../data/session/session-hooks.js';
import { useCollections } from '../../data/collections/collection-queries.js';
import { ThemeToggle } from './theme-toggle.js';

export function AppShell() {
  const { record } = useSession();
  const logout = useLogout();
  const collections = useCollections();
  const visible = (collections.data ?? []).filter((c) => !c.name.startsWith('_') || c.name === '_superusers');
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="logo" aria-hidden>
            ▦
          </span>{' '}
          Plinth
        </div>
        <nav aria-label="Main" className="main-nav">
          <NavLink to="/collections" end>
            Collections
          </NavLink>
          <NavLink to="/webhooks">Webhooks</NavLink>
          <NavLink to="/metrics">Metrics</NavLink>
          <NavLink to="/jobs">Jobs</NavLink>
          <NavLink to="/logs">Logs</NavLink>
          <NavLink to="/plugins">Plugins</NavLink>
          <NavLink to="/api-reference">API reference</NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <nav aria-label="Collections" className="collection-nav">
          <div className="nav-heading">Collections</div>
          {collections.isPending && <span className="muted">Loading…</span>}
          {collections.isError && <span className="field-error">Could not load collections.</span>}
          {visible.map((c) => (
            <NavLink key={c.id} to={`/collections/${encodeURIComponent(c.name)}`}>
              <span className={'type-dot type-' + c.type} aria-hidden /> {c.name}
            </NavLink>
          ))}
          <NavLink to="/collections/new" className="nav-new">
            + New collection
          </NavLink>
        </nav>
        <div className="sidebar-footer">
          <span className="muted user-email" title={String(record?.email ?? '')}>
            {String(record?.email ?? '')}
          </span>
          <ThemeToggle />
          <button type="button" className="btn btn-small" onClick={logout}>
            Log out
          </button>
        </div>
      </aside>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
