import { describe, expect, it } from 'vitest';
import { scalarConfig } from './scalar-config.js';

const doc = { openapi: '3.1.0', info: { title: 'Plinth', version: '1' }, paths: {} };

describe('Scalar configuration', () => {
  it('renders the fetched document and turns off everything that calls out (fonts CDN, client proxy, telemetry)', () => {
    const c = scalarConfig(doc, 'light', 'http://127.0.0.1:8090') as Record<string, unknown>;
    expect(c.content).toBe(doc);
    expect(c).not.toHaveProperty('url');
    expect(c).toMatchObject({ withDefaultFonts: false, hideClientButton: true, hideTestRequestButton: true, telemetry: false, baseServerURL: 'http://127.0.0.1:8090' });
    expect(c).toMatchObject({ agent: { disabled: true }, mcp: { disabled: true } });
  });
  it("follows the console's theme and hides Scalar's own toggle", () => {
    expect(scalarConfig(doc, 'dark', '')).toMatchObject({ darkMode: true, forceDarkModeState: 'dark', hideDarkModeToggle: true });
    expect(scalarConfig(doc, 'light', '')).toMatchObject({ darkMode: false, forceDarkModeState: 'light' });
  });
});
