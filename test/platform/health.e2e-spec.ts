import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/problem.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { requireEnv } from '../support/test-database.js';
import { Fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('health', () => {
  describe('with Postgres and Redis up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('is live and ready', async () => {
      expect((await t.http().get('/health/live')).status).toBe(200);
      const ready = await t.http().get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info).toEqual({
        postgres: expect.objectContaining({ status: 'up' }),
        redis: expect.objectContaining({ status: 'up' }),
      });
    });

    it('serves the OpenAPI document and its UI', async () => {
      const json = await t.http().get('/docs/openapi.json');
      expect(json.status).toBe(200);
      expect(json.body.paths).toHaveProperty('/api/v1/auth/login');
      expect(json.body.components.securitySchemes).toHaveProperty('bearer');
      const ui = await t.http().get('/docs');
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('<html');
    });
  });

  describe('when Postgres or Redis goes away', () => {
    let t: TestApp;
    const postgres = new TcpProxy('127.0.0.1', Number(new URL(requireEnv('DATABASE_URL')).port));
    const redis = new TcpProxy('127.0.0.1', Number(new URL(requireEnv('REDIS_URL')).port));
    const http = () => t.http();
    let bearer: string;

    beforeAll(async () => {
      await postgres.start();
      await redis.start();
      t = await startTestApp({
        throughDatabaseUrl: (url) => postgres.url(url),
        env: { REDIS_URL: redis.url(requireEnv('REDIS_URL')) },
      });
      bearer = (await new Fixtures(t).signedIn(['caseworker'])).bearer;
    });
    afterAll(async () => {
      await postgres.restore().catch(() => undefined);
      await redis.restore().catch(() => undefined);
      await t.close();
      await postgres.cut();
      await redis.cut();
    });

    it('answers 503 naming Postgres while it is away, and recovers without a restart', async () => {
      await postgres.cut();
      const ready = await http().get('/health/ready');
      const body = expectProblem(ready, 503, 'SERVICE_UNAVAILABLE');
      expect(body.detail).toContain('postgres');
      const read = await http().get('/api/v1/people').set('authorization', bearer);
      expectProblem(read, 503, 'SERVICE_UNAVAILABLE');

      await postgres.restore();
      expect((await http().get('/health/ready')).status).toBe(200);
      expect((await http().get('/api/v1/people').set('authorization', bearer)).status).toBe(200);
    });

    it('answers 503 naming Redis while it is away, and recovers without a restart', async () => {
      await redis.cut();
      const ready = await http().get('/health/ready');
      const body = expectProblem(ready, 503, 'SERVICE_UNAVAILABLE');
      expect(body.detail).toContain('redis');
      // Sign-in needs Redis (the lockout counters): 503, not a 500 or a hang.
      const login = await http().post('/api/v1/auth/login').send({ email: 'someone@test.invalid', password: 'whatever-password' });
      expectProblem(login, 503, 'SERVICE_UNAVAILABLE');

      await redis.restore();
      await waitFor(async () => (await http().get('/health/ready')).status === 200);
      expect((await http().get('/health/ready')).status).toBe(200);
    });
  });
});

/** Polls a condition (ioredis reconnects with back-off); bounded, not a timing assertion. */
async function waitFor(condition: () => Promise<boolean>, attempts = 50): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
