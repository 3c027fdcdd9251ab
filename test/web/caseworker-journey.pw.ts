import { expect, type Page, test } from '@playwright/test';
import { choose, expectAccessible, expectBanner, screenshot, signIn } from './support/workspace.js';

const NEED_AREAS = [
  'Health and wellbeing', 'Mental and emotional health', 'Safety and security', 'Housing', 'Finance and benefits', 'Employment and education',
  'Family and relationships', 'Substance misuse', 'Disability and access', 'Criminal justice information', 'Communication and language',
];
const COPE_QUESTIONS = [
  'Physical and emotional health since the crime', 'Feeling safe at home and in the community', 'Coping with everyday life (work, study, family, sleep)',
  'Knowing what happens next, their rights, and where to get help', 'Confidence to take part in the justice process', 'Having people and services to turn to',
];

async function scoreAll(page: Page, scores: number[]): Promise<void> {
  for (const [index, question] of COPE_QUESTIONS.entries()) await choose(page, question, new RegExp(`^\\s*${scores[index]}(\\s|$)`));
}

async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Journey sections' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Journey sections' }).getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);
}

test('a caseworker takes a referral from the queue through first contact, needs assessment, start score, support plan, end score and closure', async ({ page }) => {
  await signIn(page, 'caseworker@demo.invalid');
  await expect(page.getByRole('heading', { name: 'My work queue' })).toBeVisible();
  await expect(page.getByRole('link', { name: /New referrals \(\d+\)/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('table caption')).toContainText('New referrals');
  await expect(page.locator('table .govuk-tag').filter({ hasText: /Due in \d+ working days?|Due today/ }).first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'work-queue');

  await page.getByRole('link', { name: 'Bea Demo-Khan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bea Demo-Khan' })).toBeVisible();
  await expect(page.getByText('Basis: Demo: assessed at report')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Next duties' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'journey-overview');

  // First contact: reached by phone, and she wants support.
  await openSection(page, 'Contact');
  await choose(page, 'How did you try to contact the victim?', 'Phone');
  await choose(page, 'What happened?', 'Contacted');
  await choose(page, 'If you reached them: do they want support?', 'Accepted');
  await page.getByLabel('Notes (optional)').fill('Spoke with Bea; interpreter booked for the assessment');
  await page.getByRole('button', { name: 'Save contact attempt' }).click();
  await expectBanner(page, 'Contact attempt recorded');
  await expect(page.getByText('Contacted', { exact: true }).first()).toBeVisible();
  await expectAccessible(page);

  // Needs assessment in the 11 areas, with the start score support needs.
  await openSection(page, 'Needs assessment');
  await page.getByRole('button', { name: 'Save needs assessment' }).click();
  await expect(page).toHaveTitle(/^Error: Needs assessment/);
  await expect(page.locator('.govuk-error-summary')).toContainText('Select the level of need for housing');
  await expectAccessible(page);
  for (const area of NEED_AREAS) await choose(page, area, area === 'Safety and security' || area === 'Housing' ? 'High' : 'Low');
  await choose(page, 'What did the victim decide?', 'Accepted');
  await scoreAll(page, [2, 1, 3, 1, 2, 3]);
  await screenshot(page, 'journey-needs-assessment');
  await page.getByRole('button', { name: 'Save needs assessment' }).click();
  await expectBanner(page, 'Needs assessment recorded');
  await expect(page.locator('.govuk-tag').filter({ hasText: 'In support' })).toBeVisible();
  await expectAccessible(page);

  // A support plan action.
  await openSection(page, 'Support plan');
  const due = new Date(Date.now() + 7 * 86_400_000);
  await page.getByLabel('What will be done').fill('Arrange a lock change with the housing provider');
  const dueBy = page.getByRole('group', { name: 'Due by' });
  await dueBy.getByLabel('Day').fill(String(due.getUTCDate()));
  await dueBy.getByLabel('Month').fill(String(due.getUTCMonth() + 1));
  await dueBy.getByLabel('Year').fill(String(due.getUTCFullYear()));
  await page.getByRole('button', { name: 'Add action' }).click();
  await expectBanner(page, 'Support plan action added');
  await expect(page.getByRole('cell', { name: 'Arrange a lock change with the housing provider', exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'journey-support-plan');
  await page.getByRole('button', { name: /^Mark as done\s*: Arrange a lock change/ }).click();
  await expectBanner(page, 'Support plan action updated');
  await expectAccessible(page);

  // The end score, and the change from the start.
  await openSection(page, 'Cope and recover');
  await scoreAll(page, [4, 4, 4, 3, 3, 4]);
  await page.getByRole('button', { name: 'Save end score' }).click();
  await expectBanner(page, 'End score recorded');
  await expect(page.getByText(/Overall change \+\d+: better able to cope and recover/)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'journey-cope-recover');

  // Closure with a reason and the victim's satisfaction.
  await openSection(page, 'Close');
  await choose(page, 'Why is support ending?', 'Support completed');
  await choose(page, 'How satisfied was the victim with the service, from 0 to 10?', '9');
  await page.getByRole('button', { name: 'Close journey' }).click();
  await expectBanner(page, 'Journey closed');
  await expect(page.locator('.govuk-tag').filter({ hasText: 'Closed' })).toBeVisible();
  await expectAccessible(page);

  await openSection(page, 'Timeline');
  await expect(page.locator('.moj-timeline__title').first()).toHaveText('Journey closed');
  await screenshot(page, 'journey-timeline');
  await openSection(page, "Victims' Code");
  await expect(page.locator('table caption')).toContainText('Every duty owed to this victim');
  await screenshot(page, 'journey-victims-code');
});
