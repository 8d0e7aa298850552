/**
 * Scalar's configuration for the console: the document is handed over (fetched with the superuser's token),
 * and everything that would reach outside this server is off — default fonts (a CDN), the API client and its
 * proxy, telemetry, the AI agent and MCP buttons. Dark mode follows the console's theme, not Scalar's toggle.
 */
import type { AnyApiReferenceConfiguration } from '@scalar/api-reference-react';
import type { Theme } from '../../app/theme.js';

export function scalarConfig(document: Record<string, unknown>, theme: Theme, origin: string): AnyApiReferenceConfiguration {
  return {
    content: document,
    baseServerURL: origin,
    withDefaultFonts: false,
    hideClientButton: true,
    hideTestRequestButton: true,
    showDeveloperTools: 'never',
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    documentDownloadType: 'json',
    darkMode: theme === 'dark',
    forceDarkModeState: theme,
    hideDarkModeToggle: true,
    // Keep Scalar's own sidebar in the page: the console's navigation stays where it is.
    layout: 'modern',
    customCss: '.scalar-app { --scalar-font: var(--font); --scalar-font-code: var(--mono); }',
  };
}
