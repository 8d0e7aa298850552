import { describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { defaultSettings } from '../settings/settings-defaults.js';
import { renderAuthEmail } from './auth-mail-render.js';

const app = { settings: { get: () => ({ ...defaultSettings(), meta: { ...defaultSettings().meta, appName: 'A&B', appURL: 'http://x.test/' } }) } } as unknown as App;

describe('auth email templates', () => {
  it('fills placeholders, escapes record values in the body and never exposes secrets', () => {
    const out = renderAuthEmail(
      app,
      { subject: '{APP_NAME}: {OTP}', body: '<a href="{APP_URL}/t/{TOKEN}">{RECORD:name}</a> {RECORD:password}{RECORD:tokenKey} {OTP_ID} {UNKNOWN}' },
      { name: '<script>x</script>', password: 'hash', tokenKey: 'key' },
      { TOKEN: 'tok', OTP: '123', OTP_ID: 'oid' },
    );
    expect(out.subject).toBe('A&B: 123');
    expect(out.html).toBe('<a href="http://x.test/t/tok">&lt;script&gt;x&lt;/script&gt;</a>  oid {UNKNOWN}');
  });
});
