/**
 * The console's operations pages against a Plinth of their own, started with two plugins: the example plugin
 * (whose digest cron fails while its `messages` collection is missing, then succeeds once it exists) and a
 * small one written here that declares a settings section. Jobs (run a cron now, a failed job's error and
 * stack, remove, retry), request logs with the hourly chart and a filter, plugins and their settings, the API
 * reference, then dark theme and a phone-sized screen. Each view is saved as a screenshot.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, expectNoHorizontalOverflow, login, shot } from '../support/fixtures.js';
import { startPlinth, type PlinthProcess } from '../support/plinth-process.js';

const SETTINGS_PLUGIN = `export default {
  name: 'e2e-tuned',
  version: '1.0.0',
  settings: {
    defaults: { motd: 'welcome', limit: 3, enabled: true },
    validate: (s) => (s.limit > 10 ? { limit: { code: 'too_big', message: 'At most 10.' } } : null),
  },
  register() {},
};
`;
const DIGEST_QUEUE = 'plugin:example:digest';

test.describe.serial('console operations: jobs, logs, plugins, API reference', () => {
  let plinth: PlinthProcess;
  let page: Page;
  let base = '';
  const pluginDir = mkdtempSync(join(tmpdir(), 'plinth-e2e-plugins-'));

  test.beforeAll(async ({ browser }) => {
    const settingsPlugin = join(pluginDir, 'tuned.mjs');
    writeFileSync(settingsPlugin, SETTINGS_PLUGIN);
    plinth = await startPlinth({
      ready: /listening on (http:\/\/[\d.:]+)/,
      env: { PLINTH_SUPERUSER_EMAIL: ADMIN.email, PLINTH_SUPERUSER_PASSWORD: ADMIN.password, PLINTH_PLUGINS: `./plugins/example/src/index.ts,${settingsPlugin}` },
    });
    base = plinth.url;
    page = await browser.newPage();
    await login(page, base);
  });
  test.afterAll(async () => {
    await page?.close();
    await plinth?.stop();
    rmSync(pluginDir, { recursive: true, force: true });
  });

  /** The superuser token the console stored, for setting things up over the API. */
  const token = () => page.evaluate(() => JSON.parse(localStorage.getItem('plinth_auth') ?? '{}').token as string);
  const queueCount = (state: string, n: number) => page.getByRole('link', { name: `${n} ${state} in ${DIGEST_QUEUE}`, exact: true });

  test('jobs: run a cron now, see the failed job with its stack, remove one, retry the other', async () => {
    test.setTimeout(240_000);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
    const crons = page.getByRole('region', { name: 'Crons' });
    const digest = crons.getByRole('row').filter({ hasText: 'example:digest' });
    await expect(digest).toContainText('0 * * * *');
    await expect(digest.locator('time')).toHaveAttribute('datetime', /T\d\d:00:00\.000Z$/);

    // The example plugin's digest lists `messages`, which does not exist yet: each run fails after 3 attempts.
    await digest.getByRole('button', { name: 'Run now' }).click();
    await expect(digest).toContainText('Started');
    await expect(queueCount('failed', 1)).toBeVisible({ timeout: 60_000 });
    await digest.getByRole('button', { name: 'Run now' }).click();
    await expect(queueCount('failed', 2)).toBeVisible({ timeout: 60_000 });

    await queueCount('failed', 2).click();
    await expect(page).toHaveURL(/[?&]state=failed/);
    const jobs = page.getByRole('region', { name: `Jobs of ${DIGEST_QUEUE}` });
    await expect(jobs.getByRole('button', { name: /failed 2/ })).toHaveAttribute('aria-pressed', 'true');
    await jobs.locator('tbody tr').first().click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByText('Error', { exact: true })).toBeVisible();
    await expect(drawer.getByLabel('Stack trace')).toContainText(/at /);
    await expect(page).toHaveURL(/[?&]job=/);
    await shot(page, 'ops-01-failed-job');

    // The URL is the view: a reload shows the same drawer.
    await page.reload();
    await expect(page.getByRole('dialog').getByLabel('Stack trace')).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove job' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Click again to confirm' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(queueCount('failed', 1)).toBeVisible({ timeout: 30_000 });

    // With the collection in place the retried job succeeds.
    const res = await page.request.post(`${base}/api/collections`, {
      headers: { Authorization: await token() },
      data: { name: 'messages', type: 'base', fields: [{ name: 'text', type: 'text' }] },
    });
    expect(res.status()).toBe(200);
    await jobs.locator('tbody tr').first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(queueCount('completed', 1)).toBeVisible({ timeout: 60_000 });
    await expect(queueCount('failed', 0)).toBeVisible();
    await shot(page, 'ops-02-jobs');
  });

  test('logs: request list, requests-per-hour chart, filter with inline errors, detail drawer', async () => {
    for (let i = 0; i < 3; i++) expect((await page.request.get(`${base}/api/e2e-missing-${i}`)).status()).toBe(404);
    // Request logs are written in the background (flushed every second): wait until the server has all three,
    // so the page's one fetch for the filter below finds them (re-applying the same filter does not refetch).
    const authorization = await token();
    await expect(async () => {
      const res = await page.request.get(`${base}/api/logs?filter=${encodeURIComponent('data.status = 404')}`, { headers: { authorization } });
      expect(((await res.json()) as { totalItems: number }).totalItems).toBe(3);
    }).toPass({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Logs' }).click();
    await expect(page.getByRole('heading', { name: 'Logs', level: 1 })).toBeVisible();
    const chart = page.getByRole('figure', { name: 'Requests per hour' });
    await expect(chart.locator('.recharts-bar-rectangle').first()).toBeAttached();

    const filter = page.getByRole('searchbox');
    await expect(async () => {
      await filter.fill('data.status = 404');
      await filter.press('Enter');
      await expect(page.getByRole('cell', { name: 'GET /api/e2e-missing-2' })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page).toHaveURL(/filter=data\.status/);
    await expect(page.locator('.logs-table tbody tr')).toHaveCount(3);
    await expect(chart).toContainText('(filtered)');
    await expect(chart).toContainText('3 in');
    await shot(page, 'ops-03-logs-filtered');

    await page.getByRole('cell', { name: 'GET /api/e2e-missing-1' }).click();
    const drawer = page.getByRole('dialog', { name: 'Log entry' });
    await expect(drawer.getByText('data.status')).toBeVisible();
    await expect(drawer).toContainText('404');
    await expect(page).toHaveURL(/[?&]log=/);
    await drawer.getByRole('button', { name: 'Close' }).click();

    await filter.fill('nope = 1');
    await filter.press('Enter');
    await expect(page.locator('.filter-bar').getByRole('alert')).toContainText(/nope/);
    await expect(chart).toContainText('No chart for an invalid filter.');
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.locator('.logs-table tbody tr').first()).toBeVisible();
    await shot(page, 'ops-04-logs');
  });

  test('plugins: what they registered, and settings with field errors', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plugins' }).click();
    const example = page.getByRole('article', { name: 'Plugin example' });
    await expect(example).toContainText('v0.1.0');
    await expect(example).toContainText('GET /api/example/summary');
    await expect(example).toContainText('example:digest');
    await expect(example).toContainText('This plugin declares no settings.');

    const tuned = page.getByRole('article', { name: 'Plugin e2e-tuned' });
    await tuned.getByLabel('limit').fill('11');
    await tuned.getByRole('button', { name: 'Save settings' }).click();
    await expect(tuned.getByRole('alert')).toHaveText('At most 10.');
    await shot(page, 'ops-05-plugin-settings-error');
    await tuned.getByLabel('limit').fill('5');
    await tuned.getByLabel('motd').fill('hello from e2e');
    await tuned.getByRole('button', { name: 'Save settings' }).click();
    await expect(tuned.getByText('Saved.')).toBeVisible();

    await page.goto(`${base}/_/plugins?plugin=e2e-tuned`);
    await expect(page.getByRole('article', { name: 'Plugin e2e-tuned' })).toHaveClass(/selected/);
    await expect(page.getByRole('article', { name: 'Plugin e2e-tuned' }).getByLabel('limit')).toHaveValue('5');
    await expect(page.getByRole('article', { name: 'Plugin e2e-tuned' }).getByLabel('motd')).toHaveValue('hello from e2e');
    await shot(page, 'ops-06-plugins');
  });

  test('API reference: the live OpenAPI document, with no request leaving this server', async () => {
    const outside: string[] = [];
    const onRequest = (r: { url(): string }) => {
      const url = new URL(r.url());
      if (!['http:', 'https:'].includes(url.protocol)) return;
      if (url.hostname !== '127.0.0.1') outside.push(r.url());
    };
    page.on('request', onRequest);
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API reference' }).click();
      await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
      const reference = page.locator('.api-reference');
      await expect(reference.getByText('/api/collections/_superusers/records', { exact: true }).first()).toBeVisible({ timeout: 60_000 });
      await shot(page, 'ops-07-api-reference');
      // The `messages` collection created above is in the document: its group opens from Scalar's sidebar.
      await reference.getByText('messages', { exact: true }).first().click();
      await expect(reference.getByText('/api/collections/messages/records', { exact: true }).first()).toBeVisible();
      await page.getByRole('button', { name: /Switch to dark theme/ }).first().click();
      await expect(page.locator('body')).toHaveClass(/dark-mode/);
      await shot(page, 'ops-08-api-reference-dark');
      await page.waitForLoadState('networkidle').catch(() => undefined);
      expect(outside, 'requests to other hosts').toEqual([]);
    } finally {
      page.off('request', onRequest);
    }
  });

  test('dark theme and a phone-sized screen', async () => {
    await page.goto(`${base}/_/jobs`);
    if ((await page.locator('html').getAttribute('data-theme')) !== 'dark') await page.getByRole('button', { name: /Switch to dark theme/ }).first().click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      [`/_/jobs?queue=${encodeURIComponent(DIGEST_QUEUE)}&state=completed`, 'ops-09-phone-jobs'],
      ['/_/logs', 'ops-10-phone-logs'],
      ['/_/plugins', 'ops-11-phone-plugins'],
      ['/_/api-reference', 'ops-12-phone-api-reference'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await expect(page.locator('.page-header h1')).toBeVisible();
      await expect(page.locator('.state-loading')).toHaveCount(0, { timeout: 60_000 });
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await expectNoHorizontalOverflow(page, path);
      await shot(page, name);
    }
    await page.getByRole('button', { name: /Switch to light theme/ }).first().click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
