/**
 * The live API reference, rendered by Scalar. Loaded lazily (router.tsx): Scalar and its styles are a large
 * chunk that only this page needs.
 */
import { useMemo } from 'react';
import { isPlinthError } from '@plinth/sdk';
import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';
import { useTheme } from '../../app/theme.js';
import { useOpenApiDocument, type OpenApiDocument } from '../../data/openapi/openapi-queries.js';
import { Page } from '../../ui/page.js';
import { EmptyState, QueryState } from '../../ui/query-state.js';
import { scalarConfig } from './scalar-config.js';

export default function ApiReferencePage() {
  const doc = useOpenApiDocument();
  const missing = doc.isError && isPlinthError(doc.error) && doc.error.status === 404;
  return (
    <Page title="API reference">
      {missing ? (
        <EmptyState>This server does not serve an OpenAPI document (GET /api/openapi.json answered 404).</EmptyState>
      ) : (
        <QueryState query={doc} isEmpty={(d) => !d.paths || Object.keys(d.paths).length === 0} empty="The OpenAPI document has no paths.">
          {(d) => <Reference document={d} />}
        </QueryState>
      )}
    </Page>
  );
}

function Reference({ document }: { document: OpenApiDocument }) {
  const { theme } = useTheme();
  // A new object on every render would make Scalar re-read the document.
  const configuration = useMemo(() => scalarConfig(document, theme, window.location.origin), [document, theme]);
  return (
    <div className="api-reference">
      {/* Scalar reads its colour mode only when it mounts: a theme switch mounts a fresh one. */}
      <ApiReferenceReact key={theme} configuration={configuration} />
    </div>
  );
}
