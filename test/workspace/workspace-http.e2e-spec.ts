import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { PASSWORD_RESETS } from '../../src/identity/identity-rate-limits.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The session cookie a response set, as a Cookie header. */
function cookieOf(response: Response): string {
  const set = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return set.map((cookie) => cookie.split(';')[0]).join('; ');
}

function csrfOf(response: Response): string {
  return /name="_csrf" value="([^"]+)"/.exec(response.text)![1];
}

/**
 * The web workspace's edges, over HTTP without a browser: its forms and sessions stay its
 * own (the API keeps answering as before), and a browser session ends as a token does.
 */
describe('the web workspace beside the API', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    fixtures = new Fixtures(t);
    caseworker = await fixtures.user({ roles: ['caseworker'] });
  });
  afterAll(() => t.close());

  const signIn = async (user: TestUser): Promise<string> => {
    const form = await t.http().get('/sign-in');
    const answer = await t
      .http()
      .post('/sign-in')
      .set('cookie', cookieOf(form))
      .type('form')
      .send({ _csrf: csrfOf(form), email: user.email, password: user.password });
    expect(answer.status).toBe(303);
    return cookieOf(answer);
  };

  it('sends a visitor without a session to sign in, and back afterwards', async () => {
    const answer = await t.http().get('/work-queue?tab=overdue');
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/sign-in?returnTo=%2Fwork-queue%3Ftab%3Doverdue');
  });

  it('keeps the API refusing form bodies (415) and answering unknown URLs with problem+json', async () => {
    const form = await t.http().post('/api/v1/auth/login').type('form').send({ email: caseworker.email, password: caseworker.password });
    expect(form.status).toBe(415);
    expect(form.headers['content-type']).toContain('application/problem+json');
    const unknown = await t.http().get('/api/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    // The API's own policy (nothing may load from its answers), not the workspace's nonces.
    expect(String(unknown.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(String(unknown.headers['content-security-policy'])).not.toContain('nonce-');
  });

  it('answers hostile input to its pages with a 4xx page, never a 500, and saves nothing', async () => {
    const cookie = await signIn(caseworker);
    const form = await t.http().get('/referrals/new').set('cookie', cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? 'none';
    const journeys = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM journeys`))[0].n);
    const before = await journeys();
    const cases: Array<[string, () => Promise<Response>, number]> = [
      ['a NUL in a form field', () => t.http().post('/sign-in').type('form').send('email=a%00b%40test.invalid&password=x'), 400],
      ['a NUL in a query parameter', () => t.http().get('/find?name=Ann%00').set('cookie', cookie), 400],
      ['a form body over the limit', () => t.http().post('/sign-in').type('form').send(`email=${'a'.repeat(300 * 1024)}`), 413],
      ['a body of a type no page takes', () => t.http().post('/sign-in').set('content-type', 'application/octet-stream').send(Buffer.from('abc')), 415],
      ['malformed JSON', () => t.http().post('/sign-in').set('content-type', 'application/json').send('{"email":'), 400],
      ['deeply nested JSON', () => t.http().post('/sign-in').set('content-type', 'application/json').send('['.repeat(100_000)), 400],
      ['a NUL in a signed-in form', () => t.http().post('/referrals/new').set('cookie', cookie).type('form').send(`_csrf=${encodeURIComponent(csrf)}&givenName=A%00`), 400],
    ];
    for (const [what, send, status] of cases) {
      const answer = await send();
      expect([what, answer.status]).toEqual([what, status]);
      expect(answer.headers['content-type']).toContain('text/html');
      expect(answer.text).toContain('There is a problem with what was sent');
    }
    expect(await journeys()).toBe(before);
  });

  it('counts password resets on its page against the API route\'s budget in Redis: past it, a 429 page', async () => {
    const admin = await fixtures.user({ roles: ['admin'] });
    const cookie = await signIn(admin);
    const { bearer } = await fixtures.session(admin);
    const someone = await fixtures.user({ roles: ['caseworker'] });
    for (let call = 0; call < PASSWORD_RESETS.limit - 1; call += 1) {
      expect((await t.http().post(`/api/v1/users/${someone.id}/password-reset`).set('authorization', bearer)).status).toBe(200);
    }
    const page = await t.http().get(`/admin/users/${someone.id}`).set('cookie', cookie);
    const reset = () => t.http().post(`/admin/users/${someone.id}/password-reset`).set('cookie', cookie).type('form').send({ _csrf: csrfOf(page) });
    expect((await reset()).status).toBe(200);
    const limited = await reset();
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many attempts');
    expect(limited.text).not.toMatch(/temporary password/i);
  });

  it('refuses a form without its CSRF token, and saves nothing', async () => {
    const form = await t.http().get('/sign-in');
    const answer = await t.http().post('/sign-in').set('cookie', cookieOf(form)).type('form').send({ email: caseworker.email, password: caseworker.password });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('Your form has expired');
  });

  it('serves pages with a strict CSP and its session in an HttpOnly, SameSite=Lax cookie', async () => {
    const form = await t.http().get('/sign-in');
    const csp = String(form.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    expect(csp).toMatch(/style-src 'self' 'nonce-[0-9a-f]+'/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    const cookie = ([] as string[]).concat(form.headers['set-cookie'] ?? []).find((value) => value.startsWith('vjs.sid='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const nonce = /'nonce-([0-9a-f]+)'/.exec(csp)![1];
    expect(form.text).toContain(`<script nonce="${nonce}">`);
  });

  it('ends a browser session when the user signs out, and when an admin disables them', async () => {
    const session = await signIn(caseworker);
    expect((await t.http().get('/work-queue').set('cookie', session)).status).toBe(200);

    const page = await t.http().get('/account').set('cookie', session);
    const signOut = await t.http().post('/sign-out').set('cookie', session).type('form').send({ _csrf: csrfOf(page) });
    expect(signOut.status).toBe(303);
    expect((await t.http().get('/work-queue').set('cookie', session)).status).toBe(302);

    const again = await signIn(caseworker);
    const admin: SignedInUser = await fixtures.signedIn(['admin']);
    const current = await t.http().get(`/api/v1/users/${caseworker.id}`).set('authorization', admin.bearer);
    const disabled = await t
      .http()
      .patch(`/api/v1/users/${caseworker.id}`)
      .set('authorization', admin.bearer)
      .set('if-match', String(current.headers.etag))
      .send({ disabled: true });
    expect(disabled.status).toBe(200);
    const refused = await t.http().get('/work-queue').set('cookie', again);
    expect(refused.status).toBe(302);
    expect(refused.headers.location).toMatch(/^\/sign-in/);
  });

  it('keeps a journey of another area out of sight: the 404 page, and the attempt audited', async () => {
    const durham = await fixtures.user({ roles: ['caseworker'], areas: ['durham'] });
    const session = await signIn(durham);
    const [journey]: Array<{ id: string }> = await t.dataSource.query(`SELECT gen_random_uuid() AS id`);
    const answer = await t.http().get(`/journeys/${journey.id}`).set('cookie', session);
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('Page not found');
    const [denied]: Array<{ count: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'access_denied' AND entity_id = $1 AND actor_user_id = $2`,
      [journey.id, durham.id],
    );
    expect(denied.count).toBe(1);
  });
});
