/** Shared bits of the browser tests: the server under test, the superuser the installer creates, screenshots. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

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

/**
 * Nothing may push the page wider than the screen (wide tables scroll inside their own box). On failure the
 * innermost elements sticking out are named.
 */
export async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
    const root = document.scrollingElement!;
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > root.clientWidth + 1;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => sticksOut(el) && ![...el.children].some(sticksOut))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
  expect(scrollWidth, `${what} overflows horizontally: ${culprits.join(', ')}`).toBeLessThanOrEqual(clientWidth);
}
