/**
 * The SDK's OAuth2 popup flow in a real Chromium with its popup blocker ON (Playwright turns it off by default):
 * an app page on its own loopback origin loads the built SDK and calls `authWithOAuth2({ provider })` from a
 * click, without a urlCallback. The popup goes through a fake OpenID provider on loopback to Plinth's redirect
 * sink and lands on the console's result page; the opener gets the auth over realtime. A provider error ends
 * on the failure page with a rejection. Screenshots of both result pages are kept.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createClient, MemoryAuthStore, type PlinthClient } from '@plinth/sdk';
import { buildJs } from '../../sdk/scripts/build.js';
import { startOAuth2Provider, type FakeProvider } from '../../sdk/test/support/oauth2-provider.js';
import { ADMIN, shot } from '../support/fixtures.js';
import { startPlinth, type PlinthProcess } from '../support/plinth-process.js';

const SUCCESS = '/_/#/auth/oauth2-redirect-success';
const FAILURE = '/_/#/auth/oauth2-redirect-failure';

/** The app: one button whose click starts the flow; the outcome lands in `window.outcome` (a promise). */
const appPage = (plinthUrl: string) => `<!doctype html>
<meta charset="utf-8"><title>OAuth2 popup app</title>
<button type="button">Sign in with OIDC</button>
<script type="module">
  import { createClient, MemoryAuthStore } from '/sdk/index.js';
  const pb = createClient(${JSON.stringify(plinthUrl)}, { authStore: new MemoryAuthStore() });
  document.querySelector('button').addEventListener('click', () => {
    window.outcome = pb.collection('users').authWithOAuth2({ provider: 'oidc' }).then(
      (auth) => ({ ok: true, token: auth.token, record: auth.record }),
      (err) => {
        console.log('authWithOAuth2 rejected: ' + err.message);
        return { ok: false, status: err.status, message: err.message };
      },
    );
  });
</script>`;

/** Serves the app page and the built SDK (dist layout: one ESM file per source) on a loopback origin. */
async function startAppServer(plinthUrl: string, sdkDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://app.test').pathname;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(appPage(plinthUrl));
    const file = normalize(path.replace(/^\/sdk\//, '/'));
    if (!path.startsWith('/sdk/') || extname(file) !== '.js' || file.includes('..')) return void res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(sdkDir, file)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

type Outcome = { ok: true; token: string; record: { id: string; email: string } } | { ok: false; status: number; message: string };

test.describe.serial('SDK OAuth2 popup flow in Chromium with the popup blocker on', () => {
  let plinth: PlinthProcess;
  let admin: PlinthClient;
  let idp: FakeProvider;
  let app: { url: string; close(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  const sdkDir = mkdtempSync(join(tmpdir(), 'plinth-e2e-sdk-'));

  test.beforeAll(async ({ playwright, launchOptions }) => {
    test.setTimeout(180_000);
    plinth = await startPlinth({ ready: /listening on (http:\/\/[\d.:]+)/, env: { PLINTH_SUPERUSER_EMAIL: ADMIN.email, PLINTH_SUPERUSER_PASSWORD: ADMIN.password } });
    admin = createClient(plinth.url, { authStore: new MemoryAuthStore() });
    await admin.collection('_superusers').authWithPassword(ADMIN.email, ADMIN.password);
    idp = await startOAuth2Provider({ admin });
    await buildJs(sdkDir);
    app = await startAppServer(plinth.url, sdkDir);
    browser = await playwright.chromium.launch({ ...launchOptions, ignoreDefaultArgs: ['--disable-popup-blocking'] });
    context = await browser.newContext();
    // The result page closes its popup at once: record the attempt instead, so the page can be seen and kept.
    await context.addInitScript(() => {
      window.close = () => void ((window as unknown as { closeRequested: boolean }).closeRequested = true);
    });
  });
  test.afterAll(async () => {
    await browser?.close();
    await app?.close();
    await idp?.stop();
    await plinth?.stop();
    rmSync(sdkDir, { recursive: true, force: true });
  });

  /**
   * Clicks the app's button with the auth-methods request held until the click's user activation has expired,
   * as on a slow network: a popup opened after that request would be blocked. Returns the popup. The page tells
   * the expiry on its console: Playwright's evaluate, and its answer to an exposed function, grant a new activation.
   */
  async function clickSignIn(page: Page): Promise<Page> {
    const EXPIRED = 'user activation expired';
    const activationExpired = page.waitForEvent('console', { predicate: (m) => m.text() === EXPIRED, timeout: 60_000 });
    await page.addInitScript((expired) => {
      addEventListener('click', () => {
        const timer = setInterval(() => {
          if (navigator.userActivation.isActive) return;
          clearInterval(timer);
          console.log(expired);
        }, 50);
      });
    }, EXPIRED);
    await page.route('**/api/collections/users/auth-methods*', async (route) => {
      await activationExpired;
      await route.continue();
    });
    await page.goto(app.url);
    const popup = page.waitForEvent('popup', { timeout: 60_000 });
    const rejectedFirst = page
      .waitForEvent('console', { predicate: (m) => m.text().startsWith('authWithOAuth2 rejected'), timeout: 60_000 })
      .then((m) => Promise.reject(new Error(`No popup opened: ${m.text()}`)));
    await page.getByRole('button', { name: 'Sign in with OIDC' }).click();
    return Promise.race([popup, rejectedFirst]);
  }

  const outcomeOf = (page: Page) => page.evaluate(() => (window as unknown as { outcome: Promise<Outcome> }).outcome);
  const closeRequested = (popup: Page) => popup.evaluate(() => (window as unknown as { closeRequested?: boolean }).closeRequested === true);

  test('a click opens the popup, which signs in through the provider and lands on the success page', async () => {
    test.setTimeout(120_000);
    idp.user = { sub: 'browser-ann', email: 'ann@idp.test', email_verified: true, name: 'Ann' };
    const page = await context.newPage();
    const popup = await clickSignIn(page);
    await popup.waitForURL(`${plinth.url}${SUCCESS}`, { timeout: 60_000 });
    await expect(popup.getByRole('heading', { name: 'Signed in' })).toBeVisible();
    await expect(popup.getByRole('status')).toHaveText(/you can close this window/);
    await expect.poll(() => closeRequested(popup)).toBe(true);
    await shot(popup, 'oauth2-popup-success');

    const outcome = await outcomeOf(page);
    expect(outcome).toMatchObject({ ok: true, token: expect.stringMatching(/^ey/), record: { email: 'ann@idp.test', verified: true } });
    const user = await admin.collection('users').getOne((outcome as { record: { id: string } }).record.id);
    expect(user).toMatchObject({ email: 'ann@idp.test', verified: true });
    await page.close();
  });

  test('a provider error lands the popup on the failure page and rejects the promise', async () => {
    test.setTimeout(120_000);
    idp.onNextRedirect((params) => {
      params.delete('code');
      params.set('error', 'access_denied');
    });
    const page = await context.newPage();
    const popup = await clickSignIn(page);
    await popup.waitForURL(`${plinth.url}${FAILURE}`, { timeout: 60_000 });
    await expect(popup.getByRole('heading', { name: 'Sign-in failed' })).toBeVisible();
    await expect.poll(() => closeRequested(popup)).toBe(true);
    await shot(popup, 'oauth2-popup-failure');

    expect(await outcomeOf(page)).toEqual({ ok: false, status: 400, message: expect.stringContaining('access_denied') });
    await page.close();
  });
});
