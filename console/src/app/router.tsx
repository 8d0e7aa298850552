/** Routes under /_/ (browser history: every view, including a filtered records page, is a bookmarkable URL). */
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useRouteError, type RouteObject } from 'react-router';
import { InstallPage } from '../features/auth/install-page.js';
import { LoginPage } from '../features/auth/login-page.js';
import { RequireSuperuser } from '../features/auth/require-superuser.js';
import { AppShell } from '../features/shell/app-shell.js';
import { CollectionsHome } from '../features/collections/collections-home.js';
import { CollectionEditorPage } from '../features/collections/collection-editor-page.js';
import { RecordsPage } from '../features/records/records-page.js';
import { WebhooksPage } from '../features/webhooks/webhooks-page.js';
import { MetricsPage } from '../features/metrics/metrics-page.js';
import { SettingsPage } from '../features/settings/settings-page.js';
import { JobsPage } from '../features/jobs/jobs-page.js';
import { LogsPage } from '../features/logs/logs-page.js';
import { PluginsPage } from '../features/plugins/plugins-page.js';
import { ErrorState, Spinner } from '../ui/query-state.js';

// Scalar (the API reference renderer) is most of a megabyte: only that page loads it.
const ApiReferencePage = lazy(() => import('../features/api-reference/api-reference-page.js'));

/** A lazy page whose chunk did not load (offline, or a new console deployed since this tab opened). */
function LazyPageError() {
  return <ErrorState error={useRouteError()} onRetry={() => window.location.reload()} />;
}

export const routes: RouteObject[] = [
  { path: '/install', element: <InstallPage /> },
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSuperuser />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to="/collections" replace /> },
          { path: '/collections', element: <CollectionsHome /> },
          { path: '/collections/new', element: <CollectionEditorPage /> },
          { path: '/collections/:name', element: <RecordsPage /> },
          { path: '/collections/:name/edit', element: <CollectionEditorPage /> },
          { path: '/webhooks', element: <WebhooksPage /> },
          { path: '/webhooks/:id', element: <WebhooksPage /> },
          { path: '/metrics', element: <MetricsPage /> },
          { path: '/settings', element: <SettingsPage /> },
          { path: '/jobs', element: <JobsPage /> },
          { path: '/logs', element: <LogsPage /> },
          { path: '/plugins', element: <PluginsPage /> },
          {
            path: '/api-reference',
            element: (
              <Suspense fallback={<Spinner label="Loading the API reference…" />}>
                <ApiReferencePage />
              </Suspense>
            ),
            errorElement: <LazyPageError />,
          },
          { path: '*', element: <Navigate to="/collections" replace /> },
        ],
      },
    ],
  },
];

const router = createBrowserRouter(routes, { basename: '/_' });

export function AppRouter() {
  return <RouterProvider router={router} />;
}
