/// <reference lib="dom" />
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, signIn } from './support/workspace.js';

/** At 320 CSS pixels wide (1280 at 400% zoom) the page reflows: nothing but a table's own region scrolls sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page, `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(widths.viewport);
}

test('the main pages reflow at 400% zoom, and the "you\'ll be signed out soon" warning keeps the session with a button or Escape', async ({ page }) => {
  await page.clock.install();
  await page.setViewportSize({ width: 320, height: 640 });
  await signIn(page, 'caseworker@demo.invalid');
  await expect(page.getByRole('heading', { name: 'My work queue' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  for (const path of ['/find', '/referrals/new', '/referral-imports/new']) {
    await page.goto(path);
    await expectNoSidewaysScroll(page);
  }
  await page.goto('/find?by=crimeReference&q=CLE%2FDEMO%2F0003');
  await page.getByRole('link', { name: 'Cal Demo-Novak' }).click();
  const journey = page.url();
  for (const section of ['', '/duties', '/contact', '/timeline']) {
    await page.goto(`${journey}${section}`);
    await expectNoSidewaysScroll(page);
  }
  await expectAccessible(page);

  // Five minutes before the idle timeout (30 minutes here), the warning.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.clock.fastForward('25:01');
  const warning = page.getByRole('dialog', { name: "You'll be signed out soon" });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('you will be signed out in 5 minutes');
  await expectAccessible(page);
  const keptAlive = page.waitForResponse((answer) => answer.url().endsWith('/session/keep-alive') && answer.status() === 204);
  await warning.getByRole('button', { name: 'Stay signed in' }).click();
  await keptAlive;
  await expect(warning).toBeHidden();

  // Escape, as in the GOV.UK pattern, also keeps the session.
  await page.clock.fastForward('25:01');
  await expect(warning).toBeVisible();
  const keptAgain = page.waitForResponse((answer) => answer.url().endsWith('/session/keep-alive') && answer.status() === 204);
  await page.keyboard.press('Escape');
  await keptAgain;
  await expect(warning).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Cal Demo-Novak', level: 1 })).toBeVisible();
});
