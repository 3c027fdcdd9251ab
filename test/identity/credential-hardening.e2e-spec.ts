import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../../src/identity/session-issuer.js';
import { PASSWORD_CHANGES, PASSWORD_RESETS } from '../../src/identity/identity-rate-limits.js';
import { expectProblem } from '../support/problem.js';
import { Fixtures, TEST_PASSWORD } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Issue 18: tokens, password guessing, the last admin, and rate limits on password routes. */
describe('credentials hold up against guessing and forgery', () => {
  let t: TestApp;
  let fixtures: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    fixtures = new Fixtures(t);
  });
  afterAll(() => t.close());

  const me = (bearer: string) => t.http().get('/api/v1/auth/me').set('authorization', bearer);

  it('counts wrong current passwords on POST /auth/password like failed sign-ins, and locks', async () => {
    const session = await fixtures.session(await fixtures.user({ roles: ['caseworker'] }));
    for (let attempt = 0; attempt < t.config.auth.loginMaxFailures; attempt += 1) {
      const wrong = await t
        .http()
        .post('/api/v1/auth/password')
        .set('authorization', session.bearer)
        .send({ currentPassword: `guess-number-${attempt}`, newPassword: 'a-brand-new-password-42' });
      expectProblem(wrong, 400, 'VALIDATION_FAILED');
    }
    const locked = await t
      .http()
      .post('/api/v1/auth/password')
      .set('authorization', session.bearer)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password-42' });
    const body = expectProblem(locked, 429, 'ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(body.retryAfterSeconds).toBeGreaterThan(0);
    // The same lock holds for signing in: the guesses were sign-in failures.
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: session.email, password: TEST_PASSWORD }), 429, 'ACCOUNT_LOCKED');
    const audited = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'login_failed' AND entity_id = $1`, [session.id]);
    expect(audited[0].n).toBe(t.config.auth.loginMaxFailures);
  });

  describe('access tokens', () => {
    const sign = (payload: Record<string, unknown>, options: Record<string, unknown> = {}) =>
      t.app.get(JwtService).signAsync(payload, { algorithm: 'HS256', ...options });

    it('carry exp, iat, iss and aud', async () => {
      const session = await fixtures.session(await fixtures.user({ roles: ['caseworker'] }));
      const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
      expect(claims).toEqual(
        expect.objectContaining({ exp: expect.any(Number), iat: expect.any(Number), iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE }),
      );
    });

    it('are refused without exp, iss or aud, or with another issuer or audience', async () => {
      const session = await fixtures.session(await fixtures.user({ roles: ['caseworker'] }));
      const { sub, fam } = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
      const claims = { sub, fam, typ: 'access' };
      const good = await sign(claims, { expiresIn: 600, issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE });
      expect((await me(`Bearer ${good}`)).status).toBe(200);
      const forged = [
        await sign(claims, { issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE }),
        await sign(claims, { expiresIn: 600, audience: ACCESS_TOKEN_AUDIENCE }),
        await sign(claims, { expiresIn: 600, issuer: ACCESS_TOKEN_ISSUER }),
        await sign(claims, { expiresIn: 600, issuer: 'someone-else', audience: ACCESS_TOKEN_AUDIENCE }),
        await sign(claims, { expiresIn: 600, issuer: ACCESS_TOKEN_ISSUER, audience: 'another-api' }),
        await sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 600, iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE }, { noTimestamp: true }),
      ];
      for (const token of forged) expectProblem(await me(`Bearer ${token}`), 401, 'INVALID_TOKEN');
    });

    it("are refused when their session family is another user's", async () => {
      const victim = await fixtures.session(await fixtures.user({ roles: ['caseworker'] }));
      const other = await fixtures.session(await fixtures.user({ roles: ['caseworker'] }));
      const { fam } = JSON.parse(Buffer.from(other.accessToken.split('.')[1], 'base64url').toString());
      const token = await sign({ sub: victim.id, fam, typ: 'access' }, { expiresIn: 600, issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE });
      expectProblem(await me(`Bearer ${token}`), 401, 'INVALID_TOKEN');
      const unknownFamily = await sign(
        { sub: victim.id, fam: randomUUID(), typ: 'access' },
        { expiresIn: 600, issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE },
      );
      expectProblem(await me(`Bearer ${unknownFamily}`), 401, 'INVALID_TOKEN');
    });
  });

  it('refuses with 409 to let the last enabled admin remove their own admin role or disable themselves', async () => {
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE 'admin' = ANY (roles)`);
    const admin = await fixtures.session(await fixtures.user({ roles: ['admin'] }));
    const etag = (await t.http().get(`/api/v1/users/${admin.id}`).set('authorization', admin.bearer)).headers.etag;
    for (const change of [{ roles: ['supervisor'] }, { disabled: true }]) {
      const refused = await t.http().patch(`/api/v1/users/${admin.id}`).set('authorization', admin.bearer).set('if-match', etag).send(change);
      expectProblem(refused, 409, 'LAST_ADMIN');
    }
    const [row] = await t.dataSource.query(`SELECT roles, disabled_at FROM users WHERE id = $1`, [admin.id]);
    expect(row).toEqual({ roles: ['admin'], disabled_at: null });

    // With a second admin, either may step down.
    await fixtures.user({ roles: ['admin'] });
    const allowed = await t
      .http()
      .patch(`/api/v1/users/${admin.id}`)
      .set('authorization', admin.bearer)
      .set('if-match', etag)
      .send({ roles: ['supervisor', 'caseworker'] });
    expect(allowed.status).toBe(200);
  });

  it('rate-limits password resets and changes in Redis: 429 with Retry-After, across api processes', async () => {
    const admin = await fixtures.session(await fixtures.user({ roles: ['admin'] }));
    const target = await fixtures.user({ roles: ['caseworker'] });
    // A second api process on the same database and Redis.
    const other = await startTestApp({ env: { REDIS_PREFIX: t.config.redisPrefix }, throughDatabaseUrl: () => t.database.url });
    try {
      for (let call = 0; call < PASSWORD_RESETS.limit; call += 1) {
        const app = call % 2 === 0 ? t : other;
        const reset = await app.http().post(`/api/v1/users/${target.id}/password-reset`).set('authorization', admin.bearer);
        expect(reset.status).toBe(200);
      }
      const limited = await other.http().post(`/api/v1/users/${target.id}/password-reset`).set('authorization', admin.bearer);
      expectProblem(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(PASSWORD_RESETS.windowSeconds);
    } finally {
      await other.close();
    }

    const user = await fixtures.session(await fixtures.user({ roles: ['caseworker'] }));
    for (let call = 0; call < PASSWORD_CHANGES.limit; call += 1) {
      // Weak new passwords: refused after the current password is checked, so nothing locks.
      await t.http().post('/api/v1/auth/password').set('authorization', user.bearer).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    }
    const limited = await t.http().post('/api/v1/auth/password').set('authorization', user.bearer).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
