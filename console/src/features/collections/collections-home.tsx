/** Every collection, with the schema's JSON export and import. */
import { useState } from 'react';
import { Link } from 'react-router';
import type { CollectionInput } from '@plinth/sdk';
import { useCollections } from '../../data/collections/collection-queries.js';
import { useImportCollections } from '../../data/collections/collection-mutations.js';
import { Page } from '../../ui/page.js';
import { QueryState } from '../../ui/query-state.js';
import { errorMessage } from '../../ui/error-message.js';

export function CollectionsHome() {
  const query = useCollections();
  const importer = useImportCollections();
  const [importText, setImportText] = useState<string | null>(null);
  const [parseError, setParseError] = useState('');

  const exportSchema = () => {
    const blob = new Blob([JSON.stringify(query.data ?? [], null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'plinth_schema.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const runImport = (deleteMissing: boolean) => {
    try {
      const parsed = JSON.parse(importText ?? '');
      const list: CollectionInput[] = Array.isArray(parsed) ? parsed : parsed.collections;
      if (!Array.isArray(list)) throw new Error('Expected an array of collections.');
      setParseError('');
      importer.mutate({ collections: list, deleteMissing }, { onSuccess: () => setImportText(null) });
    } catch (err) {
      setParseError((err as Error).message);
    }
  };

  return (
    <Page
      title="Collections"
      actions={
        <>
          <button type="button" className="btn" onClick={exportSchema} disabled={!query.data}>
            Export JSON
          </button>
          <button type="button" className="btn" onClick={() => setImportText(importText === null ? '' : null)}>
            Import JSON
          </button>
          <Link className="btn btn-primary" to="/collections/new">
            New collection
          </Link>
        </>
      }
    >
      {importText !== null && (
        <div className="card stack">
          <label htmlFor="import-json">Paste an exported schema</label>
          <textarea id="import-json" className="mono" rows={8} value={importText} onChange={(e) => setImportText(e.target.value)} />
          {(parseError || importer.isError) && <p className="field-error">{parseError || errorMessage(importer.error)}</p>}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={() => runImport(false)} disabled={importer.isPending}>
              Import (merge)
            </button>
            <button type="button" className="btn btn-danger" onClick={() => runImport(true)} disabled={importer.isPending}>
              Import and delete missing
            </button>
          </div>
        </div>
      )}
      <QueryState query={query} isEmpty={(d) => d.length === 0} empty="No collections yet.">
        {(list) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Fields</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/collections/${encodeURIComponent(c.name)}`}>{c.name}</Link> {c.system && <span className="badge">system</span>}
                    </td>
                    <td>{c.type}</td>
                    <td>{c.fields.length}</td>
                    <td className="actions">
                      <Link to={`/collections/${encodeURIComponent(c.name)}/edit`}>Edit</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </Page>
  );
}
