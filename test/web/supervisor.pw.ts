import { expect, test } from '@playwright/test';
import { choose, expectAccessible, expectBanner, screenshot, signIn, signOut } from './support/workspace.js';

test('a supervisor sees the team queues, reassigns a lead worker, withdraws a duty recorded in error, records a referral, finds it and uploads a CSV file of referrals', async ({ page }) => {
  await signIn(page, 'supervisor@demo.invalid');
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /Overdue \(\d+\)/ })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);
  await page.getByRole('link', { name: /New referrals \(\d+\)/ }).click();
  await expectAccessible(page);
  await screenshot(page, 'team');

  // Reassign: Dani's journey in Durham goes to Dee Worker.
  await page.getByRole('link', { name: 'Dani Demo-Okafor' }).click();
  await page.getByRole('navigation', { name: 'Journey sections' }).getByRole('link', { name: 'Handover', exact: true }).click();
  await expectAccessible(page);
  await page.getByLabel('New lead worker').selectOption({ label: 'Dee Worker (Victim Care and Advice Service)' });
  await choose(page, 'Reason', 'Caseload balancing');
  await page.getByLabel('Why, in words').fill('Dee covers Durham this month');
  await page.getByRole('button', { name: 'Save lead worker' }).click();
  await expectBanner(page, 'Lead worker changed');
  await expect(page.getByText('Dee Worker (Victim Care and Advice Service)')).toBeVisible();
  await expectAccessible(page);

  // Withdraw a duty recorded in error, from the Victims' Code page (beside it, the victim's own windows).
  await page.getByRole('navigation', { name: 'Journey sections' }).getByRole('link', { name: "Victims' Code", exact: true }).click();
  await expect(page.getByRole('heading', { name: "The victim's windows" })).toBeVisible();
  await page.getByRole('link', { name: /^Withdraw the duty: / }).first().click();
  await expect(page.getByRole('heading', { name: 'Withdraw a duty' })).toBeVisible();
  await screenshot(page, 'journey-withdraw-duty');
  await page.getByRole('button', { name: 'Withdraw duty' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator('.govuk-error-summary')).toContainText('Select why the duty is withdrawn');
  await expectAccessible(page);
  await choose(page, 'Why is the duty withdrawn?', 'Recorded in error');
  await page.getByLabel('What happened').fill('Referral keyed twice by the police feed');
  await page.getByRole('button', { name: 'Withdraw duty' }).click();
  await expectBanner(page, 'Duty withdrawn');
  await expect(page.getByRole('cell', { name: /Withdrawn\s+Recorded in error/ }).first()).toBeVisible();
  await expectAccessible(page);

  // Record a referral by hand: the form, check your answers, the confirmation.
  await page.getByRole('link', { name: 'Record a referral' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveTitle(/^Error: Record a referral/);
  await expectAccessible(page);
  await choose(page, 'Area', 'Cleveland');
  await page.getByLabel('Crime reference').fill('CLE/WEB/0099');
  await page.getByLabel('Offence').selectOption({ label: 'Burglary' });
  await page.getByLabel('Given name').fill('Gus');
  await page.getByLabel('Family name').fill('Web-Tester');
  await choose(page, 'What did the victim say about being referred?', 'The victim did not object (automatic referral)');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Check your answers before recording the referral' })).toBeVisible();
  await expect(page.locator('.govuk-summary-list')).toContainText('CLE/WEB/0099');
  await expectAccessible(page);
  await screenshot(page, 'referral-check-answers');
  await page.getByRole('button', { name: 'Record referral' }).click();
  await expect(page.getByRole('heading', { name: 'Referral recorded' })).toBeVisible();
  const reference = (await page.locator('.govuk-panel__body strong').textContent())!.trim();
  expect(reference).toMatch(/^VJ-\d{4}-\d{6}$/);
  await expectAccessible(page);

  // Find it by its reference; a name search asks why.
  await page.getByRole('link', { name: 'Find a journey' }).click();
  await page.getByLabel('Reference or name').fill(reference);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: 'Gus Web-Tester' })).toBeVisible();
  await expectAccessible(page);
  await choose(page, 'Search by', 'Name');
  await page.getByLabel('Reference or name').fill('Web-Tester');
  await page.getByLabel('Why are you searching by name?').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Say why you are searching by name');
  await expectAccessible(page);
  await page.getByLabel('Why are you searching by name?').fill('Victim phoned without a reference');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: 'Gus Web-Tester' })).toBeVisible();

  await page.getByRole('link', { name: 'Referral imports' }).click();
  await expect(page.getByRole('heading', { name: 'Referral imports' })).toBeVisible();
  await expectAccessible(page);

  // Upload a CSV file of referrals: it is queued, and its page shows the progress.
  await page.getByRole('button', { name: 'Upload a CSV file' }).click();
  await expectAccessible(page);
  await page.getByLabel('CSV file').setInputFiles({
    name: 'cleveland-week-14.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('area_code,role,crime_reference,offence_category,reported_at,given_name,family_name,referral_consent\r\ncleveland,victim,CLE/WEB/0100,burglary,2026-01-05T10:00:00Z,Hal,Csv-Tester,not_objected\r\n'),
  });
  await choose(page, 'If some rows have problems', 'Import the good rows');
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expectBanner(page, 'File uploaded');
  await expect(page.getByRole('heading', { name: 'Import of cleveland-week-14.csv' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'referral-import');
  await signOut(page);
});
