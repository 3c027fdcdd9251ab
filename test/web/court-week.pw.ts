import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './support/workspace.js';

test('a witness care officer starts the day on their court week: each witness told, warned, special measures and interpreter, by day and court', async ({ page }) => {
  await signIn(page, 'witness-care@demo.invalid');
  await expect(page.getByRole('heading', { name: 'My court week', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /Court week \(3\)/ })).toHaveAttribute('aria-current', 'page');

  // One trial table for the Cleveland court, with both demo victims and an eyewitness listed 3 working days ahead.
  const table = page.locator('table', { has: page.locator('caption', { hasText: /3 witnesses/ }) });
  await expect(table).toHaveCount(1);
  const bea = table.getByRole('row', { name: /Gosia Demo-Nowak/ });
  await expect(bea).toContainText('Trial at 10:00am');
  await expect(bea).toContainText('Told');
  await expect(bea).toContainText('Warned');
  await expect(bea).toContainText('Booked (Polish)');
  const cal = table.getByRole('row', { name: /Harvey Demo-Lowe/ });
  await expect(cal).toContainText('Not told');
  await expect(cal).toContainText('Not warned');
  await expect(cal).toContainText(/Live link: applied for/i);
  await expect(cal).toContainText('Enhanced rights');
  // A child, so enhanced: their news is marked as due within 1 working day.
  await expect(cal).toContainText('Enhanced: 1 working day');
  await expect(table.getByRole('row', { name: /Priya Demo-Shah/ })).toContainText('Not told');
  await expectAccessible(page);
  await screenshot(page, 'court-week');

  // The listing Harvey and Priya have not been told of, due within 1 working day of its receipt.
  await page.getByRole('link', { name: /Not told of a listing \(2\)/ }).click();
  const notTold = page.getByRole('table');
  await expect(notTold.getByRole('row', { name: /Harvey Demo-Lowe/ })).toContainText('Tell them of this listing');
  await expect(notTold.getByRole('row', { name: /Harvey Demo-Lowe/ })).toContainText('Enhanced: 1 working day');
  await expectAccessible(page);
  await page.getByRole('link', { name: /Failed to attend \(0\)/ }).click();
  await expect(page.getByText('Nothing here.')).toBeVisible();
  await expectAccessible(page);
});
