import { expect, test } from '@playwright/test';
import { choose, expectAccessible, expectBanner, screenshot, signIn, signOut } from './support/workspace.js';

test.describe('signing in and out', () => {
  test('an admin adds a caseworker, who signs in with the temporary password, must choose their own, and signs out', async ({ page }) => {
    await signIn(page, 'admin@demo.invalid');
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    await expect(page.locator('.moj-header')).toContainText('Ada Admin');
    await expect(page.locator('.moj-header')).toContainText('Administrator');
    await expectAccessible(page);
    await screenshot(page, 'admin-users');

    await page.getByRole('button', { name: 'Add a user' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page).toHaveTitle(/^Error: Add a user/);
    await expect(page.locator('.govuk-error-summary')).toContainText('Enter the name');
    await expectAccessible(page);
    await page.getByLabel('Name', { exact: true }).fill('Nia Newstarter');
    await page.getByLabel('Email address').fill('nia.newstarter@demo.invalid');
    await page.getByLabel('Organisation').selectOption({ label: 'Victim Care and Advice Service' });
    await page.getByRole('group', { name: 'Roles' }).getByLabel('Caseworker').check();
    await page.getByRole('group', { name: 'Areas' }).getByLabel('Cleveland').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('heading', { name: 'User added' })).toBeVisible();
    await expectAccessible(page);
    const temporaryPassword = (await page.locator('#secret').textContent())!.trim();
    await signOut(page);

    await signIn(page, 'nia.newstarter@demo.invalid', temporaryPassword);
    await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    await expectAccessible(page);
    await page.goto('/work-queue');
    await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    await page.getByLabel('Current password').fill(temporaryPassword);
    await page.getByLabel('New password', { exact: true }).fill('a long and private passphrase 2026');
    await page.getByLabel('Confirm new password').fill('a long and private passphrase 2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectBanner(page, 'Your password has been changed');
    await expect(page.getByRole('heading', { name: 'My work queue' })).toBeVisible();
    await expect(page.locator('.moj-header')).toContainText('Nia Newstarter');
    await expect(page.locator('.moj-header')).toContainText('Caseworker, Cleveland');
    await expectAccessible(page);
    await signOut(page);

    await page.goto('/work-queue');
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fwork-queue$/);
    await signIn(page, 'nia.newstarter@demo.invalid', 'wrong password entirely');
    await expect(page).toHaveTitle(/^Error: Sign in/);
    await expect(page.locator('.govuk-error-summary a')).toHaveAttribute('href', '#email');
    await expectAccessible(page);
    await screenshot(page, 'sign-in-error');
  });

  test('shows the 404 page for an unknown page, and the API keeps its problem+json', async ({ page, request }) => {
    await signIn(page, 'caseworker@demo.invalid');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectAccessible(page);
    await page.goto('/journeys/3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
    await expectAccessible(page);
    const api = await request.get('/api/v1/no-such-thing');
    expect(api.status()).toBe(404);
    expect(api.headers()['content-type']).toContain('application/problem+json');
    const form = await request.post('/api/v1/auth/login', { form: { email: 'a@b.c', password: 'x' } });
    expect(form.status()).toBe(415);
  });
});

export { choose };
