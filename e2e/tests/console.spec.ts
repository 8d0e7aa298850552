/**
 * The console end to end, in the order a new user meets it: installer → schema → records → users →
 * webhooks → metrics, then themes and a phone-sized screen. Each main view is saved as a screenshot.
 */
import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, BASE, expectNoHorizontalOverflow, INSTALL_URL, shot } from '../support/fixtures.js';

test.describe.serial('admin console', () => {
  let page: Page;
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  let receiver: Server;
  let receiverUrl = '';

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  });
  test.afterAll(async () => {
    await page.close();
    await new Promise((r) => receiver.close(r));
  });

  test('first superuser through the one-time installer link', async () => {
    await page.goto(`${BASE()}/_/collections`);
    await expect(page).toHaveURL(/\/_\/login$/);
    await page.goto(INSTALL_URL());
    await expect(page.getByRole('heading', { name: 'Create the first superuser' })).toBeVisible();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill('different-1234');
    await expect(page.getByText('Passwords do not match.')).toBeVisible();
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await shot(page, '01-install');
    await page.getByRole('button', { name: /Create superuser/ }).click();
    await expect(page.getByRole('heading', { name: 'Collections' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'users', exact: true }).first()).toBeVisible();
    await shot(page, '02-collections');

    // The link is single-use: with a superuser in place it no longer offers the form.
    await page.goto(INSTALL_URL());
    await expect(page.getByRole('heading', { name: 'Already set up' })).toBeVisible();
  });

  test('logout and login again (session survives a reload)', async () => {
    await page.goto(`${BASE()}/_/collections`);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Collections' })).toBeVisible();
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/_\/login$/);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Collections' })).toBeVisible();
  });

  test('create a collection with several field types and a rule', async () => {
    await page.getByRole('link', { name: 'New collection' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('posts');
    const fields: [string, string][] = [
      ['title', 'Plain text'],
      ['views', 'Number'],
      ['published', 'Boolean'],
      ['status', 'Select'],
      ['meta', 'JSON'],
      ['publishedAt', 'Date/time'],
    ];
    // created and updated (autodate) come first by default.
    await expect(page.getByLabel('Field 1 name')).toHaveValue('created');
    for (const [i, [name, type]] of fields.entries()) {
      await page.getByRole('button', { name: '+ Add field' }).click();
      await page.getByLabel(`Field ${i + 3} name`).fill(name);
      await page.getByLabel(`Field ${i + 3} type`).selectOption({ label: type });
    }
    await page.getByTestId('field-2').getByLabel('Required').check();
    await page.getByTestId('field-5').getByLabel('Choices').fill('draft, published');
    // Rules: a syntax error is flagged while typing; completion fills in a field name.
    const listRule = page.getByLabel('List/Search rule');
    await page.getByRole('checkbox', { name: 'Superusers only' }).first().uncheck();
    await listRule.fill('(views > 1');
    await expect(page.getByText('Missing ")".')).toBeVisible();
    await listRule.fill('');
    await listRule.pressSequentially('vie');
    await expect(page.getByRole('option', { name: 'views' })).toBeVisible();
    await listRule.press('Tab');
    await expect(listRule).toHaveValue('views');
    await listRule.pressSequentially(' >= 0');
    await shot(page, '03-collection-editor');
    await page.getByRole('button', { name: 'Create collection' }).click();
    await expect(page).toHaveURL(/\/_\/collections\/posts$/);
    await expect(page.getByText('No records yet.')).toBeVisible();
  });

  test('add, edit, filter, navigate by keyboard and delete records', async () => {
    const create = async (title: string, views: string, extra?: () => Promise<void>) => {
      await page.getByRole('button', { name: 'New record' }).click();
      const panel = page.getByRole('dialog');
      await panel.getByLabel('title *').fill(title);
      await panel.getByLabel('views', { exact: true }).fill(views);
      await extra?.();
      await panel.getByRole('button', { name: 'Create' }).click();
      await expect(panel).toBeHidden();
      await expect(page.getByRole('row', { name: new RegExp(title) })).toBeVisible();
    };
    await create('Hello world', '5', async () => {
      const panel = page.getByRole('dialog');
      await panel.getByLabel('published', { exact: true }).check();
      await panel.getByLabel('status').selectOption('published');
      await panel.locator('.cm-content').click();
      await page.keyboard.type('{"tags": ["a", "b"]}');
      await panel.getByLabel('publishedAt').fill('2024-05-01T10:30');
      await shot(page, '04-record-panel');
    });
    await create('Second post', '50');
    await create('Third post', '500');
    await shot(page, '05-records');

    // Edit through the side panel.
    await page.getByRole('row', { name: /Hello world/ }).click();
    await expect(page.getByRole('dialog').locator('.cm-content')).toContainText('tags');
    await page.getByRole('dialog').getByLabel('title *').fill('Hello Plinth');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page).not.toHaveURL(/record=/);
    await expect(page.getByRole('row', { name: /Hello Plinth/ })).toBeVisible();

    // Filter: applied on Enter, kept in the URL, survives a reload (bookmarkable).
    const filter = page.getByRole('searchbox');
    await filter.fill('views > 10 && views < 100');
    await filter.press('Enter');
    await expect(page).toHaveURL(/filter=views/);
    await expect(page.getByRole('row', { name: /Second post/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /Third post/ })).toBeHidden();
    await page.reload();
    await expect(page.getByRole('searchbox')).toHaveValue('views > 10 && views < 100');
    await expect(page.getByRole('row', { name: /Second post/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /Hello Plinth/ })).toBeHidden();
    await shot(page, '06-records-filtered');

    // A filter the server rejects shows its error inline; a local syntax error is caught before sending.
    await filter.fill('nosuchfield = 1');
    await filter.press('Enter');
    await expect(page.locator('.filter-error')).toBeVisible();
    await filter.fill('(views > 1');
    await expect(page.locator('.filter-error')).toHaveText('Missing ")".');
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByRole('row', { name: /Third post/ })).toBeVisible();

    // Sort by a column header (kept in the URL).
    await page.getByRole('button', { name: /^views/ }).click();
    await expect(page).toHaveURL(/sort=views/);
    await expect(page.locator('tbody tr').first()).toContainText('Hello Plinth');

    // Keyboard: focus the first row, move down, open with Enter, close with Escape.
    await page.locator('tbody tr').first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('tbody tr').nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').getByLabel('title *')).toHaveValue('Second post');
    await expect(page).toHaveURL(/record=/);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    // Focus returns to the row that was opened.
    await expect(page.locator('tbody tr').nth(1)).toBeFocused();

    // Delete one record from its panel (two clicks: confirmation).
    await page.getByRole('row', { name: /Third post/ }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Click again to confirm' }).click();
    await expect(page.getByRole('row', { name: /Third post/ })).toBeHidden();

    // Bulk delete.
    await page.getByRole('checkbox', { name: 'Select all rows' }).check();
    await expect(page.getByText('2 selected')).toBeVisible();
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await page.getByRole('button', { name: 'Click again to confirm' }).click();
    await expect(page.getByText('No records yet.')).toBeVisible();
  });

  test('create a user in the users auth collection', async () => {
    await page.getByRole('navigation', { name: 'Collections' }).getByRole('link', { name: 'users', exact: true }).click();
    await page.getByRole('button', { name: 'New user' }).click();
    const panel = page.getByRole('dialog');
    await panel.getByLabel('email *', { exact: true }).fill('jane@example.com');
    await panel.getByLabel('Password', { exact: true }).fill('jane-pass-1234');
    await panel.getByLabel('Confirm password').fill('jane-pass-1234');
    await panel.getByLabel('verified', { exact: true }).check();
    await panel.getByRole('button', { name: 'Create' }).click();
    await expect(panel).toBeHidden();
    await expect(page.getByRole('row', { name: /jane@example.com/ })).toBeVisible();
    await shot(page, '07-users');
  });

  test('configure a webhook and see its delivery', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel(/Allow private network targets/).check();
    await shot(page, '08-settings');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();

    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByText('No webhooks yet.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'New webhook' }).click();
    const panel = page.getByRole('dialog');
    await panel.getByLabel('Name').fill('receiver');
    await panel.getByLabel('URL').fill(receiverUrl);
    await panel.getByLabel('Events').fill('posts.*');
    await panel.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.getByRole('heading', { name: 'Deliveries of receiver' })).toBeVisible();
    // The generated signing secret is shown once, from the create response; rotating shows a new one.
    const secret = page.getByTestId('webhook-secret');
    await expect(secret).toHaveText(/^whsec_[A-Za-z0-9+/=]{20,}$/);
    const first = await secret.textContent();
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('button', { name: 'Click again to confirm' }).click();
    await expect(secret).not.toHaveText(first ?? '');
    await expect(secret).toHaveText(/^whsec_/);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(secret).toHaveCount(0);
    await page.getByRole('button', { name: 'Send test event' }).click();
    const row = page.locator('table.deliveries tbody tr').first();
    await expect(row).toContainText('delivered', { timeout: 30_000 });
    await expect(row).toContainText('200');
    expect(received.length).toBeGreaterThan(0);
    await row.click();
    await expect(page.locator('.detail-row')).toContainText('{"ok":true}');
    await shot(page, '09-webhooks');

    // A record change is delivered too (through the outbox, in the background).
    await page.request.post(`${BASE()}/api/collections/posts/records`, {
      data: { title: 'From the API' },
      headers: { Authorization: await page.evaluate(() => JSON.parse(localStorage.getItem('plinth_auth') ?? '{}').token) },
    });
    await expect.poll(() => received.some((r) => r.body.includes('From the API')), { timeout: 30_000 }).toBe(true);
    await expect(page.locator('table.deliveries tbody tr', { hasText: 'record.created · posts' }).first()).toBeVisible({ timeout: 30_000 });
  });

  test('view metrics', async () => {
    await page.getByRole('link', { name: 'Metrics' }).click();
    await expect(page.getByRole('figure', { name: 'Request rate' })).toBeVisible();
    await expect(page.locator('.stat', { hasText: 'Requests' }).locator('strong')).not.toHaveText('0');
    // Two samples make the first rate point; wait for the line to be drawn.
    // A steady rate draws a flat line, whose empty-height box Playwright calls hidden: check the path instead.
    await expect(page.locator('.recharts-line-curve').first()).toHaveAttribute('d', /^M[\d.]+,[\d.]+[LC]/, { timeout: 20_000 });
    await shot(page, '10-metrics');
  });

  test('dark theme and a phone-sized screen', async () => {
    await page.goto(`${BASE()}/_/collections/posts`);
    await page.getByRole('button', { name: /Switch to dark theme/ }).first().click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await shot(page, '11-records-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['/_/collections/posts', '12-phone-records'],
      ['/_/collections/posts/edit', '13-phone-collection-editor'],
      ['/_/webhooks', '14-phone-webhooks'],
      ['/_/metrics', '15-phone-metrics'],
    ] as const) {
      await page.goto(`${BASE()}${path}`);
      await expect(page.locator('.page-header h1')).toBeVisible();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await expectNoHorizontalOverflow(page, path);
      await shot(page, name);
    }
    await page.getByRole('button', { name: /Switch to light theme/ }).first().click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
