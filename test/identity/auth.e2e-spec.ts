import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { Fixtures, TEST_PASSWORD } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('signing in and sessions', () => {
  let t: TestApp;
  let fixtures: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    fixtures = new Fixtures(t);
  });
  afterAll(() => t.close());

  const me = (bearer: string) => t.http().get('/api/v1/auth/me').set('authorization', bearer);

  it('signs in with email and password and answers who I am', async () => {
    const user = await fixtures.user({ roles: ['caseworker'] });
    const session = await fixtures.login(user);
    const response = await me(session.bearer);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ id: user.id, email: user.email, roles: ['caseworker'] }));
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'login'`, [user.id]);
    expect(audit).toHaveLength(1);
  });

  it('stores passwords as argon2id with the OWASP parameters', async () => {
    const user = await fixtures.user({ roles: ['caseworker'] });
    const [row] = await t.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a wrong password without saying whether the email exists', async () => {
    const user = await fixtures.user({ roles: ['caseworker'] });
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'not-the-password' });
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@test.invalid', password: 'not-the-password' });
    expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
    expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
    expect(wrong.body.detail).toEqual(unknown.body.detail);
  });

  it('locks an account after repeated failures, even with the right password, until the window passes', async () => {
    const user = await fixtures.user({ roles: ['caseworker'] });
    for (let attempt = 0; attempt < t.config.auth.loginMaxFailures; attempt += 1) {
      await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password-here' });
    }
    const locked = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    const body = expectProblem(locked, 429, 'ACCOUNT_LOCKED');
    expect(body.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('keeps the lockout across api processes, because it lives in Redis', async () => {
    const other = await startTestApp({ env: { REDIS_PREFIX: t.config.redisPrefix } });
    try {
      const user = await fixtures.user({ roles: ['caseworker'] });
      for (let attempt = 0; attempt < t.config.auth.loginMaxFailures; attempt += 1) {
        await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password-here' });
      }
      const elsewhere = await other.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });
      expectProblem(elsewhere, 429, 'ACCOUNT_LOCKED');
    } finally {
      await other.close();
    }
  });

  it('rotates the refresh token: the new one works, the access token it brings works', async () => {
    const session = await fixtures.login(await fixtures.user({ roles: ['caseworker'] }));
    const refreshed = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
    expect((await me(`Bearer ${refreshed.body.accessToken}`)).status).toBe(200);
  });

  it('ends the whole session when a used refresh token is presented again (theft detection)', async () => {
    const session = await fixtures.login(await fixtures.user({ roles: ['caseworker'] }));
    const first = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(first.status).toBe(200);
    const replay = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
    expectProblem(replay, 401, 'REFRESH_TOKEN_REUSED');
    // The legitimate holder's newer tokens are dead too.
    const successor = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expectProblem(successor, 401);
    expectProblem(await me(`Bearer ${first.body.accessToken}`), 401, 'INVALID_TOKEN');
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'token_reuse_detected' AND entity_id = $1`, [session.id]);
    expect(row.n).toBe(1);
  });

  it('signs out: the session’s access and refresh tokens stop working', async () => {
    const session = await fixtures.login(await fixtures.user({ roles: ['caseworker'] }));
    expect((await t.http().post('/api/v1/auth/logout').set('authorization', session.bearer)).status).toBe(204);
    expectProblem(await me(session.bearer), 401, 'INVALID_TOKEN');
    expectProblem(await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }), 401);
  });

  it('expires access tokens after their lifetime', async () => {
    const session = await fixtures.login(await fixtures.user({ roles: ['caseworker'] }));
    expect((await me(session.bearer)).status).toBe(200);
    t.clock.advance((t.config.auth.accessTokenTtlSeconds + 1) * 1000);
    try {
      expectProblem(await me(session.bearer), 401, 'INVALID_TOKEN');
    } finally {
      t.clock.advance(-(t.config.auth.accessTokenTtlSeconds + 1) * 1000);
    }
  });

  it('refuses tampered, unsigned and missing tokens with 401 problem+json', async () => {
    const session = await fixtures.login(await fixtures.user({ roles: ['caseworker'] }));
    const [header, payload, signature] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    expectProblem(await me(`Bearer ${header}.${forged}.${signature}`), 401, 'INVALID_TOKEN');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expectProblem(await me(`Bearer ${none}.${payload}.`), 401);
    expectProblem(await t.http().get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await me('Basic dXNlcjpwYXNz'), 401, 'UNAUTHENTICATED');
  });

  it('changes a password: old sessions end, the new password works, the old does not', async () => {
    const user = await fixtures.user({ roles: ['caseworker'] });
    const session = await fixtures.login(user);
    const other = await fixtures.login(user);
    const weak = await t.http().post('/api/v1/auth/password').set('authorization', session.bearer).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(fieldsOf(expectProblem(weak, 400, 'VALIDATION_FAILED'))).toEqual(['newPassword']);
    const changed = await t
      .http()
      .post('/api/v1/auth/password')
      .set('authorization', session.bearer)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-passphrase-99' });
    expect(changed.status).toBe(200);
    expectProblem(await me(other.bearer), 401);
    expect((await me(`Bearer ${changed.body.accessToken}`)).status).toBe(200);
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }), 401);
    expect((await fixtures.login({ ...user, password: 'a-brand-new-passphrase-99' })).accessToken).toBeTruthy();
  });

  it('lets an admin create a user with a temporary password that must be changed first', async () => {
    const admin = await fixtures.signedIn(['admin']);
    const cleveland = await fixtures.areaId('cleveland');
    const created = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', admin.bearer)
      .send({ email: 'New.Worker@Test.Invalid', displayName: 'New Worker', organisationId: admin.organisationId, roles: ['caseworker'], areaIds: [cleveland] });
    expect(created.status).toBe(201);
    expect(created.body.user).toEqual(expect.objectContaining({ email: 'new.worker@test.invalid', mustChangePassword: true, areaIds: [cleveland] }));
    const temporary = created.body.temporaryPassword as string;
    const session = await t.http().post('/api/v1/auth/login').send({ email: 'new.worker@test.invalid', password: temporary });
    expect(session.body.mustChangePassword).toBe(true);
    const bearer = `Bearer ${session.body.accessToken}`;
    expectProblem(await t.http().get('/api/v1/people').set('authorization', bearer), 403, 'PASSWORD_CHANGE_REQUIRED');
    const changed = await t.http().post('/api/v1/auth/password').set('authorization', bearer).send({ currentPassword: temporary, newPassword: 'my-own-long-passphrase' });
    expect(changed.status).toBe(200);
    expect((await t.http().get('/api/v1/people').set('authorization', `Bearer ${changed.body.accessToken}`)).status).toBe(200);

    const duplicate = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', admin.bearer)
      .send({ email: 'new.worker@test.invalid', displayName: 'Again', organisationId: admin.organisationId, roles: ['caseworker'], areaIds: [cleveland] });
    expectProblem(duplicate, 409, 'EMAIL_TAKEN');
  });

  it('lets an admin reset a password, ending the user’s sessions', async () => {
    const admin = await fixtures.signedIn(['admin']);
    const user = await fixtures.user({ roles: ['caseworker'] });
    const session = await fixtures.login(user);
    const reset = await t.http().post(`/api/v1/users/${user.id}/password-reset`).set('authorization', admin.bearer);
    expect(reset.status).toBe(200);
    expectProblem(await me(session.bearer), 401);
    const login = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: reset.body.temporaryPassword });
    expect(login.body.mustChangePassword).toBe(true);
  });

  it('disabling a user ends their access at once (If-Match guarded)', async () => {
    const admin = await fixtures.signedIn(['admin']);
    const session = await fixtures.login(await fixtures.user({ roles: ['caseworker'] }));
    const read = await t.http().get(`/api/v1/users/${session.id}`).set('authorization', admin.bearer);
    expectProblem(await t.http().patch(`/api/v1/users/${session.id}`).set('authorization', admin.bearer).send({ disabled: true }), 428, 'PRECONDITION_REQUIRED');
    const disabled = await t
      .http()
      .patch(`/api/v1/users/${session.id}`)
      .set('authorization', admin.bearer)
      .set('if-match', read.headers.etag)
      .send({ disabled: true });
    expect(disabled.status).toBe(200);
    expectProblem(await me(session.bearer), 401);
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: session.email, password: TEST_PASSWORD }), 401, 'INVALID_CREDENTIALS');
  });

  it('authenticates a partner system by API key, and refuses a wrong key', async () => {
    const partner = await fixtures.partnerClient();
    const ok = await t.http().get('/api/v1/auth/me').set('x-api-key', partner.apiKey);
    expect(ok.status).toBe(200);
    expect(ok.body.roles).toEqual(['partner_system']);
    const wrongSecret = partner.apiKey.slice(0, -4) + (partner.apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expectProblem(await t.http().get('/api/v1/auth/me').set('x-api-key', wrongSecret), 401, 'INVALID_TOKEN');
  });
});
