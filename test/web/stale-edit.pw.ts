import { expect, test } from '@playwright/test';
import { choose, expectAccessible, expectBanner, signIn } from './support/workspace.js';

test('a stale edit shows that someone else changed the journey, and what, and saves nothing until checked (without JavaScript)', async ({ browser }) => {
  // Every flow works without scripts: this one runs with none of the workspace's (GOV.UK
  // Frontend, MoJ Frontend, ours) loaded. The browser's own JavaScript stays on for axe.
  const context = await browser.newContext();
  await context.route(/\/assets\/(app|govuk|moj)\/.*\.m?js$/, (route) => route.abort());
  const mine = await context.newPage();
  await signIn(mine, 'caseworker@demo.invalid');
  await mine.goto('/find?by=crimeReference&q=CLE%2FDEMO%2F0001');
  await expectAccessible(mine);
  await mine.getByRole('link', { name: 'Alex Demo-Harper' }).click();
  const journeyUrl = mine.url();
  await mine.goto(`${journeyUrl}/contact`);
  await expectAccessible(mine);
  await choose(mine, 'How did you try to contact the victim?', 'Phone');
  await choose(mine, 'What happened?', 'Contacted');

  // Meanwhile, a colleague's attempt on the same journey, from another tab.
  const theirs = await context.newPage();
  await theirs.goto(`${journeyUrl}/contact`);
  await choose(theirs, 'How did you try to contact the victim?', 'Text message');
  await choose(theirs, 'What happened?', 'No answer');
  await theirs.getByRole('button', { name: 'Save contact attempt' }).click();
  await expectBanner(theirs, 'Contact attempt recorded');

  await mine.getByRole('button', { name: 'Save contact attempt' }).click();
  await expect(mine.getByRole('heading', { name: 'Someone else changed this journey' })).toBeVisible();
  await expect(mine.locator('.govuk-notification-banner--warning')).toContainText('Contact attempted');
  await expect(mine.locator('.govuk-notification-banner--warning')).toContainText('No answer');
  await expect(mine.getByRole('group', { name: 'What happened?' }).getByLabel('Contacted', { exact: true })).toBeChecked();
  await expect(mine.locator('table tbody tr')).toHaveCount(1);
  await expectAccessible(mine);

  // Checked against the change: saved now, as the second attempt.
  await mine.getByRole('button', { name: 'Save contact attempt' }).click();
  await expectBanner(mine, 'Contact attempt recorded');
  await mine.goto(`${journeyUrl}/contact`);
  await expect(mine.locator('table tbody tr')).toHaveCount(2);
  await context.close();
});
