/// <reference lib="dom" />
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, expectBanner, signIn } from './support/workspace.js';

/** Presses Tab until the focused element is the one described (at most 80 presses). */
async function tabTo(page: Page, describe: string, matches: (element: { tag: string; text: string; name: string; value: string; type: string }) => boolean): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      return { tag: element?.tagName.toLowerCase() ?? '', text: element?.textContent?.trim() ?? '', name: element?.name ?? '', value: element?.value ?? '', type: element?.type ?? '' };
    });
    if (matches(focused)) return;
  }
  throw new Error(`Tab never reached ${describe}`);
}

test('records a contact attempt with the keyboard alone', async ({ page }) => {
  await signIn(page, 'caseworker@demo.invalid');
  await expect(page.getByRole('heading', { name: 'My work queue' })).toBeVisible();
  await expectAccessible(page);

  // From here on, no mouse: Tab, arrows, Space and Enter.
  await tabTo(page, 'the journey of Cal Demo-Novak', (element) => element.tag === 'a' && element.text === 'Cal Demo-Novak');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Cal Demo-Novak' })).toBeVisible();
  await expectAccessible(page);
  await tabTo(page, 'the Contact section', (element) => element.tag === 'a' && element.text === 'Contact');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Record a contact attempt' })).toBeVisible();
  await expectAccessible(page);

  await tabTo(page, 'the contact methods', (element) => element.name === 'method');
  await page.keyboard.press('Space'); // phone, the first
  await page.keyboard.press('ArrowDown'); // letter: Cal prefers letters
  await tabTo(page, 'the outcomes', (element) => element.name === 'outcome');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // sent (letter or email)
  await tabTo(page, 'the notes', (element) => element.name === 'notes');
  await page.keyboard.type('Letter in plain English sent to his home address');
  await tabTo(page, 'the save button', (element) => element.tag === 'button' && element.text === 'Save contact attempt');
  await page.keyboard.press('Enter');

  await expectBanner(page, 'Contact attempt recorded');
  await expectAccessible(page);
  await page.getByRole('navigation', { name: 'Journey sections' }).getByRole('link', { name: 'Contact', exact: true }).focus();
  await page.keyboard.press('Enter');
  const row = page.locator('table tbody tr').first();
  await expect(row).toContainText('Letter');
  await expect(row).toContainText('Sent (letter or email)');
  await expect(row).toContainText('Letter in plain English sent to his home address');
});
