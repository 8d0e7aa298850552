/** `geoPoint`: `{lon, lat}` in degrees; (0,0) is the unset value. */
import type { FieldType } from '../field-type.js';
import { error, normalizeCommon, requiredError, toFloat } from './field-common.js';

export interface GeoPoint {
  lon: number;
  lat: number;
}

function toGeoPoint(raw: unknown): GeoPoint {
  let source = raw;
  if (typeof source === 'string') {
    try {
      source = JSON.parse(source);
    } catch {
      source = null;
    }
  }
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return { lon: 0, lat: 0 };
  const obj = source as Record<string, unknown>;
  return { lon: toFloat(obj.lon), lat: toFloat(obj.lat) };
}

export const geoPointFieldType: FieldType = {
  type: 'geoPoint',
  storage: () => 'geo',
  isMultiple: () => false,
  defaultValue: () => ({ lon: 0, lat: 0 }),
  normalizeOptions: (field) => normalizeCommon(field),
  validateOptions: () => null,
  prepareValue: (_field, raw) => toGeoPoint(raw),
  validateValue(field, value) {
    const point = toGeoPoint(value);
    if (point.lat === 0 && point.lon === 0) return field.required ? requiredError() : null;
    if (!(point.lat >= -90 && point.lat <= 90)) return error('validation_invalid_latitude', 'Latitude must be between -90 and 90 degrees.');
    if (!(point.lon >= -180 && point.lon <= 180)) return error('validation_invalid_longitude', 'Longitude must be between -180 and 180 degrees.');
    return null;
  },
  toJSON: (_field, value) => toGeoPoint(value),
};
