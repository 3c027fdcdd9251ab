import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const DEMO_PASSWORD = 'demo-password-2026';
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every page a test visits is checked against WCAG 2.2 AA: zero violations, named when there are. */
export async function expectAccessible(page: Page): Promise<void> {
  const started = Date.now();
  if (process.env.WEB_TEST_TIMING) console.log(`  page ready at ${new Date().toISOString().slice(17, 23)} ${page.url()}`);
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const violations = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  if (process.env.WEB_TEST_TIMING) console.log(`  axe ${Date.now() - started} ms`);
  expect(violations, `axe on ${page.url()}`).toEqual([]);
}

/** A main page, kept for the README. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await expectAccessible(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page.getByRole('heading', { name: 'You have signed out' })).toBeVisible();
  await expectAccessible(page);
}

/** Chooses the radio of a group by the group's legend and the option's label. */
export async function choose(page: Page, legend: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByRole('group', { name: legend }).getByLabel(option, { exact: typeof option === 'string' }).check();
}

export async function expectBanner(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.locator('.govuk-notification-banner__heading').filter({ hasText: heading })).toBeVisible();
}
