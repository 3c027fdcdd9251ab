import { expect, test, type Page } from '@playwright/test';
import { choose, expectAccessible, expectBanner, screenshot, signIn } from './support/workspace.js';

async function section(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true }).click();
  await expectAccessible(page);
}

// Error summaries, stale versions, follow-ups and the other sections: test/workspace/witness-case-http.e2e-spec.ts.
test('a witness care officer moves a hearing, tells both witnesses, records a special measure granted and records attendance', async ({ page }) => {
  await signIn(page, 'witness-care@demo.invalid');
  await expect(page.getByRole('heading', { name: 'My court week', level: 1 })).toBeVisible();
  await expectAccessible(page);

  // From the court week to the case: the crime, with the child victim and the eyewitness on it.
  await page.getByRole('link', { name: 'Harvey Demo-Lowe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CLE/DEMO/0102' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Hearings', exact: true })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);

  // The court moved the trial a week on, to 2pm: listing 2.
  await page.getByRole('link', { name: /^Record a change to this hearing/ }).click();
  await expect(page).toHaveTitle(/^Record a hearing change/);
  await expectAccessible(page);
  const moved = new Date(Date.now() + 7 * 86_400_000);
  const listedFor = page.getByRole('group', { name: 'When is the hearing now listed for?' });
  await listedFor.getByLabel('Day').fill(String(moved.getUTCDate()));
  await listedFor.getByLabel('Month').fill(String(moved.getUTCMonth() + 1));
  await listedFor.getByLabel('Year').fill(String(moved.getUTCFullYear()));
  await page.locator('#listedFor-time').fill('14:00');
  await page.getByRole('button', { name: 'Save hearing change' }).click();
  await expectBanner(page, 'Hearing change recorded');
  const versions = page.getByRole('table', { name: /Versions of this hearing/ });
  await expect(versions.getByRole('row', { name: /^2 Moved/ })).toContainText(/Date and time from .* to .* at 2:00pm/);
  await expectAccessible(page);

  // Both are owed news of listing 2; the child's, with enhanced rights, is marked.
  const told = page.getByRole('table', { name: 'Who is told of listing 2' });
  await expect(told.getByRole('row', { name: /Harvey Demo-Lowe/ })).toContainText('Enhanced: 1 working day');
  for (const [name, method] of [['Harvey Demo-Lowe', 'Letter'], ['Priya Demo-Shah', 'Phone']] as const) {
    await page.getByRole('link', { name: `Record told of listing 2: ${name}` }).click();
    if (name === 'Harvey Demo-Lowe') await expectAccessible(page);
    await choose(page, 'How were they told?', method);
    await page.getByRole('button', { name: 'Save told of this hearing' }).click();
    await expectBanner(page, 'Recorded as told of the hearing');
    await expect(told.getByRole('row', { name: new RegExp(name) })).toContainText('Told');
  }
  await expect(told.getByText('Not told')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'witness-case');

  // Harvey's live link, applied for by the CPS: the court grants it, the step with its date.
  await section(page, 'Special measures');
  await page.getByRole('link', { name: "Record the court's decision for live link, Harvey Demo-Lowe" }).click();
  await expectAccessible(page);
  await choose(page, 'What did the court decide?', 'Granted');
  await page.getByRole('button', { name: 'Save decision' }).click();
  await expectBanner(page, 'Special measure updated');
  await expect(page.getByRole('table', { name: /Special measures for Harvey Demo-Lowe/ }).getByRole('row', { name: /Live link/ })).toContainText('Granted');

  // Attendance at the trial.
  await section(page, 'Attendance');
  await page.getByRole('link', { name: 'Record attendance of Harvey Demo-Lowe' }).click();
  await expectAccessible(page);
  await choose(page, 'Did they attend?', 'Attended');
  await page.getByRole('button', { name: 'Save attendance' }).click();
  await expectBanner(page, 'Attendance recorded');
  await expect(page.getByRole('row', { name: /Harvey Demo-Lowe/ })).toContainText('Attended');
});
