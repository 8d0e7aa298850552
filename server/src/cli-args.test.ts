import { describe, expect, it } from 'vitest';
import { parseArgs } from './cli-args.js';

describe('parseArgs', () => {
  it('separates positional arguments from --flag value and --flag=value', () => {
    expect(parseArgs(['serve', '--http', '127.0.0.1:0', '--db=postgres://x/y', '--dir', './d'])).toEqual({
      positional: ['serve'],
      flags: { http: '127.0.0.1:0', db: 'postgres://x/y', dir: './d' },
    });
  });

  it('keeps positional order and treats a trailing or valueless flag as empty', () => {
    expect(parseArgs(['superuser', 'upsert', 'a@b.co', 'pw-12345678', '--dir'])).toEqual({
      positional: ['superuser', 'upsert', 'a@b.co', 'pw-12345678'],
      flags: { dir: '' },
    });
    expect(parseArgs(['--verbose', '--http', 'h:1'])).toEqual({ positional: [], flags: { verbose: '', http: 'h:1' } });
  });
});
