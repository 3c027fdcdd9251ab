import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn, signOut } from './support/workspace.js';

test('a commissioner filters the compliance dashboard, reads each page of figures and downloads the quarterly return', async ({ page }) => {
  await signIn(page, 'commissioner@demo.invalid');
  await expect(page.getByRole('heading', { name: 'Code compliance', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /% on time by month, last 12 months/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'dashboard');

  // Filters go in the URL, so the view can be bookmarked; the keyboard alone applies them.
  await page.getByLabel('Area').selectOption({ label: 'Cleveland' });
  await page.getByLabel('Victims or witnesses').selectOption({ label: 'Victims only' });
  await page.getByRole('button', { name: 'Apply filters' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]role=victim/);
  await expect(page).toHaveURL(/[?&]area=[0-9a-f-]{36}/);
  await expect(page.getByLabel('Victims or witnesses')).toHaveValue('victim');
  await expectAccessible(page);

  // The organisation that owed the duties, from the area's organisations directory: in the URL too, no script needed.
  await page.getByLabel('Organisation that owed the duties').selectOption({ label: 'Cleveland Police (Police force)' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]organisation=[0-9a-f-]{36}/);
  await expect(page).toHaveURL(/[?&]role=victim/);
  const byOrganisation = page.getByRole('table', { name: /by the organisation that owed them/ });
  await expect(byOrganisation.getByRole('rowheader', { name: 'Cleveland Police' })).toBeVisible();
  await expect(byOrganisation.getByRole('rowheader', { name: 'Victim Care and Advice Service' })).toHaveCount(0);
  await expectAccessible(page);

  for (const [link, heading] of [['Outcomes', 'Outcomes'], ['Witness and trial', 'Witness and trial'], ['Rights offered', 'Rights offered']] as const) {
    await page.getByRole('navigation', { name: 'Figures' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    // The filters travel with the sub-navigation.
    await expect(page).toHaveURL(/[?&]role=victim/);
    await expectAccessible(page);
  }

  await page.getByRole('navigation', { name: 'Figures' }).getByRole('link', { name: 'Quarterly return' }).click();
  await expect(page.getByRole('table', { name: /The quarterly return/ })).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the return as CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^quarterly-return-.*\.csv$/);
  await signOut(page);
});
