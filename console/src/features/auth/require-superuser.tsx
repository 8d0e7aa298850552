import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession, useSessionRefresh } from '../../data/session/session-hooks.js';

/** Views behind a superuser session; others go to the login page and come back after. */
export function RequireSuperuser() {
  const { isValid } = useSession();
  const location = useLocation();
  useSessionRefresh();
  if (!isValid) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}
