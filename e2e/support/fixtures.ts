/** Shared bits of the browser tests: the server under test, the superuser the installer creates, screenshots. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

export const BASE = () => process.env.PLINTH_E2E_URL!;
export const INSTALL_URL = () => process.env.PLINTH_E2E_INSTALL_URL!;
export const ADMIN = { email: 'admin@example.com', password: 'admin-pass-1234' };

const SHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

/** A full-page PNG under e2e/test-results/screenshots/ (kept as a CI artifact). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // Let charts and fonts settle; screenshots are evidence, not assertions.
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** Signs in as ADMIN on the shared server, or on `base` (a spec's own server). */
export async function login(page: Page, base = BASE()): Promise<void> {
  await page.goto(`${base}/_/login`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Collections' }).or(page.getByRole('navigation', { name: 'Main' })).first().waitFor();
}
