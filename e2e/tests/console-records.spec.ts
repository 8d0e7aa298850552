/**
 * Records in depth and the settings sections, against a Plinth of their own (started with a superuser, so the
 * shared server's installer flow in console.spec.ts stays untouched): a relation picked by searching, an image
 * uploaded with its preview and thumbnails, the JSON editor and the date picker, bulk delete of chosen rows, an
 * auth record (create, new password, verified, impersonation), the settings sections (batch, rate limits, file
 * storage with its write-only secret, field errors), the latency percentiles chart, and a phone-sized screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, expectNoHorizontalOverflow, login, shot } from '../support/fixtures.js';
import { startPlinth, type PlinthProcess } from '../support/plinth-process.js';

/** A 16×16 red PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGM4YWNDEmIY1TCqYfhqAACrxkAQIqaBzAAAAABJRU5ErkJggg==', 'base64');

test.describe.serial('console: records in depth, settings sections, latency percentiles', () => {
  let plinth: PlinthProcess;
  let page: Page;
  let base = '';
  let token = '';

  /** The REST API as the superuser, for setting up and checking what the console did. */
  const api = async <T = any>(method: string, path: string, body?: unknown, auth = token): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const openCollection = async (name: string) => {
    await page.getByRole('navigation', { name: 'Collections' }).getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  };
  test.beforeAll(async ({ browser }) => {
    plinth = await startPlinth({ ready: /listening on (http:\/\/[\d.:]+)/, env: { PLINTH_SUPERUSER_EMAIL: ADMIN.email, PLINTH_SUPERUSER_PASSWORD: ADMIN.password } });
    base = plinth.url;
    const auth = await api<{ token: string }>('POST', '/api/collections/_superusers/auth-with-password', { identity: ADMIN.email, password: ADMIN.password }, '');
    token = auth.body.token;
    const authors = await api<{ id: string }>('POST', '/api/collections', { name: 'authors', fields: [{ name: 'name', type: 'text', presentable: true }] });
    expect(authors.status).toBe(200);
    const books = await api('POST', '/api/collections', {
      name: 'books',
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'author', type: 'relation', collectionId: authors.body.id, maxSelect: 1 },
        { name: 'cover', type: 'file', maxSelect: 1, maxSize: 1_000_000, mimeTypes: ['image/png'], thumbs: ['100x100'] },
        { name: 'meta', type: 'json' },
        { name: 'published', type: 'date' },
        { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      ],
    });
    expect(books.status).toBe(200);
    for (const name of ['Ursula K. Le Guin', 'Terry Pratchett', 'J. R. R. Tolkien']) expect((await api('POST', '/api/collections/authors/records', { name })).status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await context.newPage();
    await login(page, base);
  });
  test.afterAll(async () => {
    await page?.context().close();
    await plinth?.stop();
  });

  test('a record with a relation found by searching, an uploaded image, JSON and a date', async () => {
    await openCollection('books');
    await page.getByRole('button', { name: 'New record' }).click();
    const panel = page.getByRole('dialog');
    await panel.getByLabel('title *').fill('The Hobbit');

    // Relation: typing narrows the target's records; picking one shows it as a chip.
    await panel.getByLabel('author').fill('tolk');
    const results = panel.getByRole('listbox', { name: 'Matching records' });
    await expect(results.getByRole('option')).toHaveCount(1);
    await results.getByRole('option', { name: /Tolkien/ }).getByRole('button').click();
    await expect(results.getByRole('option', { name: /Tolkien/ })).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByRole('button', { name: /^Remove / })).toHaveCount(1);

    // File: the chosen image is previewed before it is uploaded.
    await panel.getByLabel('cover').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
    const preview = panel.getByRole('img', { name: 'cover.png' });
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);

    // JSON editor (CodeMirror) and the date picker.
    await panel.locator('.cm-content').click();
    await page.keyboard.type('{"pages": 310, "tags": ["fantasy"]}');
    await panel.getByLabel('published').fill('1937-09-21T10:30');
    await shot(page, 'records-01-new-book');
    await panel.getByRole('button', { name: 'Create' }).click();
    await expect(panel).toBeHidden();

    // Saved as typed: checked over the API.
    const list = await api<{ items: Record<string, any>[] }>('GET', '/api/collections/books/records?filter=' + encodeURIComponent("title = 'The Hobbit'"));
    const book = list.body.items[0]!;
    const tolkien = (await api<{ items: { id: string }[] }>('GET', '/api/collections/authors/records?filter=' + encodeURIComponent("name ~ 'Tolkien'"))).body.items[0]!;
    expect(book.author).toBe(tolkien.id);
    expect(book.cover).toMatch(/^cover.*\.png$/);
    expect(book.meta).toEqual({ pages: 310, tags: ['fantasy'] });
    expect(new Date(book.published.replace(' ', 'T')).getTime()).toBe(new Date('1937-09-21T10:30').getTime());

    // The grid shows the thumbnail and the relation; the panel shows the stored image.
    const row = page.getByRole('row', { name: /The Hobbit/ });
    const thumb = row.locator('img.thumb-small');
    await expect(thumb).toHaveAttribute('src', /thumb=100x100/);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(row).toContainText(tolkien.id);
    await shot(page, 'records-02-books-grid');
    await row.click();
    const stored = page.getByRole('dialog').getByRole('img', { name: book.cover });
    await expect.poll(() => stored.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByRole('dialog').locator('.cm-content')).toContainText('fantasy');
    await expect(page.getByRole('dialog').getByLabel('published')).toHaveValue('1937-09-21T10:30');
    await shot(page, 'records-03-book-panel');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
  });

  test('bulk delete of the selected rows only', async () => {
    const ids: string[] = [];
    for (const title of ['Keep me', 'Drop one', 'Drop two']) ids.push((await api<{ id: string }>('POST', '/api/collections/books/records', { title })).body.id);
    await page.reload();
    await expect(page.getByRole('row', { name: /Drop two/ })).toBeVisible();
    await page.getByRole('checkbox', { name: `Select ${ids[1]}` }).check();
    await page.getByRole('checkbox', { name: `Select ${ids[2]}` }).check();
    await expect(page.getByRole('region', { name: 'Selection' })).toContainText('2 selected');
    await shot(page, 'records-04-bulk-selection');
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await page.getByRole('button', { name: 'Click again to confirm' }).click();
    await expect(page.getByRole('row', { name: /Drop one/ })).toBeHidden();
    await expect(page.getByRole('row', { name: /Drop two/ })).toBeHidden();
    await expect(page.getByRole('row', { name: /Keep me/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /The Hobbit/ })).toBeVisible();
    expect((await api('GET', `/api/collections/books/records/${ids[1]}`)).status).toBe(404);
    expect((await api('GET', `/api/collections/books/records/${ids[0]}`)).status).toBe(200);
  });

  test('a user: create, set a password, mark verified, impersonate and copy the token', async () => {
    await openCollection('users');
    await page.getByRole('button', { name: 'New user' }).click();
    let panel = page.getByRole('dialog');
    await panel.getByLabel('email *', { exact: true }).fill('ada@example.com');
    await panel.getByLabel('Password', { exact: true }).fill('first-pass-1234');
    await panel.getByLabel('Confirm password').fill('first-pass-1234');
    await panel.getByRole('button', { name: 'Create' }).click();
    await expect(panel).toBeHidden();
    const row = page.getByRole('row', { name: /ada@example.com/ });
    await expect(row).toBeVisible();

    // Edit: a new password and verified.
    await row.click();
    panel = page.getByRole('dialog');
    await panel.getByLabel('verified', { exact: true }).check();
    await panel.getByLabel('Password', { exact: true }).fill('second-pass-1234');
    await panel.getByLabel('Confirm password').fill('second-pass-1234');
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await expect(panel).toBeHidden();
    const signIn = (password: string) => api<{ record: { id: string; verified: boolean } }>('POST', '/api/collections/users/auth-with-password', { identity: 'ada@example.com', password }, '');
    expect((await signIn('first-pass-1234')).status).toBe(400);
    const signedIn = await signIn('second-pass-1234');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.record.verified).toBe(true);

    // Impersonate: a token that acts as the user, copied to the clipboard.
    await row.click();
    panel = page.getByRole('dialog');
    await panel.getByRole('button', { name: 'Impersonate (1 hour token)' }).click();
    const tokenBox = panel.getByRole('textbox', { name: 'Impersonation token' });
    await expect(tokenBox).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const impersonation = await tokenBox.inputValue();
    await panel.getByRole('button', { name: 'Copy' }).click();
    await expect(panel.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(impersonation);
    await shot(page, 'records-05-impersonate');
    const asUser = await api<{ email: string }>('GET', `/api/collections/users/records/${signedIn.body.record.id}`, undefined, impersonation);
    expect(asUser.status).toBe(200);
    expect(asUser.body.email).toBe('ada@example.com');
    await page.keyboard.press('Escape');
  });

  test('settings: batch and rate limits saved, a field error shown next to its input', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const batch = page.getByRole('group', { name: 'Batch API' });
    await batch.getByLabel('Enable the batch API').check();
    await batch.getByLabel('Max requests per batch').fill('20');
    await batch.getByLabel('Timeout (seconds)').fill('5');

    const limits = page.getByRole('group', { name: 'Rate limits' });
    const rules = await limits.getByRole('row').count(); // the header row plus the default rules
    await limits.getByRole('button', { name: '+ Add rule' }).click();
    const n = rules; // the new rule's number
    await limits.getByLabel(`Rule ${n} label`).fill('books:create');
    await limits.getByLabel(`Rule ${n} audience`).selectOption({ label: 'Guests' });
    await limits.getByLabel(`Rule ${n} window`).fill('60');
    await limits.getByLabel(`Rule ${n} max requests`).fill('0');
    await limits.getByRole('button', { name: 'Remove rule 1' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();

    // The server's error for rateLimits.rules.<i>.maxRequests lands in that rule's cell (rule 1 is gone: n - 1).
    const maxInput = limits.getByLabel(`Rule ${n - 1} max requests`);
    await expect(maxInput).toHaveAttribute('aria-invalid', 'true');
    await expect(maxInput.locator('xpath=..').getByRole('alert')).toHaveText('Must be no less than 1.');
    await shot(page, 'records-06-settings-field-error');
    await maxInput.fill('30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();

    const saved = (await api<Record<string, any>>('GET', '/api/settings')).body;
    expect(saved.batch).toMatchObject({ enabled: true, maxRequests: 20, timeout: 5 });
    expect(saved.rateLimits.rules).toHaveLength(n - 1);
    expect(saved.rateLimits.rules.at(-1)).toEqual({ label: 'books:create', audience: '@guest', duration: 60, maxRequests: 30 });
    expect(saved.rateLimits.rules.map((r: { label: string }) => r.label)).not.toContain('*:auth');

    // A reload shows what was saved.
    await page.reload();
    await expect(page.getByRole('group', { name: 'Batch API' }).getByLabel('Enable the batch API')).toBeChecked();
    await expect(page.getByRole('group', { name: 'Rate limits' }).getByLabel(`Rule ${n - 1} label`)).toHaveValue('books:create');
  });

  test('settings: file storage on S3, the secret write-only, the connection test reports failure', async () => {
    const storage = page.getByRole('group', { name: 'File storage' });
    await storage.getByLabel(/Store files in S3-compatible storage/).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(storage.getByRole('textbox', { name: 'Bucket' }).locator('xpath=..').getByRole('alert')).toHaveText('Cannot be blank.');
    await expect(storage.getByLabel('Secret').locator('xpath=..').getByRole('alert')).toHaveText('Cannot be blank.');

    // Nothing listens on port 9: the test must report the failure.
    await storage.getByLabel('Endpoint').fill('http://127.0.0.1:9');
    await storage.getByRole('textbox', { name: 'Bucket' }).fill('files');
    await storage.getByLabel('Region').fill('us-east-1');
    await storage.getByLabel('Access key').fill('access');
    await storage.getByLabel('Secret').fill('the-secret');
    await expect(storage.getByRole('button', { name: 'Test S3 connection' })).toBeDisabled();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await expect(storage.getByLabel('Secret')).toHaveValue('');
    await storage.getByRole('button', { name: 'Test S3 connection' }).click();
    await expect(storage.getByRole('alert')).toContainText('Failed to initialize the S3 storage', { timeout: 60_000 });
    await shot(page, 'records-07-settings-s3');

    // An empty secret keeps the stored one: saving again is accepted (an enabled S3 needs a secret).
    // ("Saved." is still on screen from the last save: wait for the server instead.)
    const savedS3 = async () => (await api<Record<string, any>>('GET', '/api/settings')).body.s3;
    await storage.getByLabel('Region').fill('eu-west-1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await savedS3()).region, { timeout: 30_000 }).toBe('eu-west-1');
    await expect(page.getByText('Saved.')).toBeVisible();
    expect(await savedS3()).toMatchObject({ enabled: true, bucket: 'files' });
    expect(await savedS3()).not.toHaveProperty('secret');

    // Back to local files for the rest of the run.
    await storage.getByLabel(/Store files in S3-compatible storage/).uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await savedS3()).enabled, { timeout: 30_000 }).toBe(false);
  });

  test('metrics: latency percentiles as a live chart and per route', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Metrics' }).click();
    const chart = page.getByRole('figure', { name: 'Latency percentiles' });
    await expect(chart).toBeVisible();
    await expect(chart.locator('figcaption strong')).toHaveText(/p50 [\d.]+ · p95 [\d.]+ · p99 [\d.]+ ms/, { timeout: 30_000 });
    // Two samples make the first point; a flat line has an empty-height box, so check the path, not visibility.
    await expect(chart.locator('.recharts-line-curve')).toHaveCount(3, { timeout: 30_000 });
    await expect(chart.locator('.recharts-line-curve').first()).toHaveAttribute('d', /^M[\d.]+,[\d.]+[LC]/, { timeout: 30_000 });
    const routes = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'p95' }) });
    await expect(routes.getByRole('row').nth(1)).toContainText(/\d ms.*\d ms.*\d ms/);
    await shot(page, 'records-08-metrics-percentiles');
  });

  test('phone-sized screen: records, settings and metrics fit the width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['/_/collections/books', 'records-09-phone-records'],
      ['/_/settings', 'records-10-phone-settings'],
      ['/_/metrics', 'records-11-phone-metrics'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await expect(page.locator('.page-header h1')).toBeVisible();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await expectNoHorizontalOverflow(page, path);
      await shot(page, name);
    }
    // The record panel on a phone, too.
    await page.goto(`${base}/_/collections/books`);
    await page.getByRole('row', { name: /The Hobbit/ }).click();
    await expect(page.getByRole('dialog').getByLabel('title *')).toHaveValue('The Hobbit');
    await expectNoHorizontalOverflow(page, 'the record panel');
    await shot(page, 'records-12-phone-record-panel');
  });
});
