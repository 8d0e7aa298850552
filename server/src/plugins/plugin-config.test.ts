import { describe, expect, it } from 'vitest';
import { PluginConfigError, redactPluginConfig, validatePluginConfig } from './plugin-config.js';

const schema = {
  collections: { type: 'string[]', required: true, description: 'collections to index' },
  language: { type: 'string', default: 'simple', enum: ['simple', 'english'] },
  perPage: { type: 'integer', default: 20, min: 1, max: 100 },
} as const;

describe('validatePluginConfig', () => {
  it('fills defaults and keeps given values', () => {
    expect(validatePluginConfig('search', schema, { collections: ['posts'] })).toEqual({ collections: ['posts'], language: 'simple', perPage: 20 });
  });

  it('lists every problem with the plugin and key named', () => {
    let error: PluginConfigError | undefined;
    try {
      validatePluginConfig('search', schema, { language: 'klingon', perPage: 0, colections: [] });
    } catch (err) {
      error = err as PluginConfigError;
    }
    expect(error).toBeInstanceOf(PluginConfigError);
    expect(error!.message).toContain('plugin "search"');
    expect(error!.problems).toEqual([
      'unknown key "colections" (known: collections, language, perPage)',
      '"collections" is required (collections to index)',
      '"language" must be one of simple, english, got "klingon"',
      '"perPage" must be at least 1, got 0',
    ]);
  });

  it('rejects wrong types and non-object configs', () => {
    expect(() => validatePluginConfig('x', schema, { collections: 'posts' })).toThrow('"collections" must be a list of strings, got string');
    expect(() => validatePluginConfig('x', schema, [1])).toThrow('must be a JSON object');
    expect(validatePluginConfig('x', undefined, undefined)).toEqual({});
  });

  it('blanks secret keys for display', () => {
    const withSecret = { apiKey: { type: 'string', secret: true }, region: { type: 'string' } } as const;
    expect(redactPluginConfig(withSecret, { apiKey: 'sk_live_123', region: 'eu' })).toEqual({ apiKey: '', region: 'eu' });
  });
});
