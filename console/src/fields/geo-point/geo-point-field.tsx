import type { FieldType } from '../field-type.js';

type Point = { lon: number; lat: number };
const point = (v: unknown): Point => (v && typeof v === 'object' ? { lon: Number((v as Point).lon) || 0, lat: Number((v as Point).lat) || 0 } : { lon: 0, lat: 0 });

export const geoPointField: FieldType = {
  type: 'geoPoint',
  label: 'Geo point',
  empty: () => ({ lon: 0, lat: 0 }),
  Input: ({ value, onChange, id }) => {
    const p = point(value);
    return (
      <div className="inline-inputs" id={id}>
        <input aria-label="Longitude" type="number" step="any" value={p.lon} onChange={(e) => onChange({ ...p, lon: Number(e.target.value) })} />
        <input aria-label="Latitude" type="number" step="any" value={p.lat} onChange={(e) => onChange({ ...p, lat: Number(e.target.value) })} />
      </div>
    );
  },
  View: ({ value }) => {
    const p = point(value);
    return <span className="cell-number">{`${p.lon}, ${p.lat}`}</span>;
  },
};
