import type { FieldModel } from '@plinth/sdk';

/** Shows or hides grid columns (kept in the URL with the rest of the view). */
export function ColumnChooser({ fields, hidden, onChange }: { fields: FieldModel[]; hidden: string[]; onChange(hidden: string[]): void }) {
  return (
    <details className="column-chooser">
      <summary className="btn">Columns</summary>
      <div className="popover" role="group" aria-label="Visible columns">
        {fields.map((f) => (
          <label key={f.name} className="setting-check">
            <input
              type="checkbox"
              checked={!hidden.includes(f.name)}
              onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== f.name) : [...hidden, f.name])}
            />{' '}
            {f.name}
          </label>
        ))}
      </div>
    </details>
  );
}
