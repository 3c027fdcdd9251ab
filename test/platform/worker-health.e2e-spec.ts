import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueueName } from '../../src/queue/queues.js';
import { QueueConsumers } from '../../src/queue/queue-consumers.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { requireEnv } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

interface Answer {
  status: number;
  contentType: string | null;
  body: Record<string, unknown> & { checks?: Record<string, Record<string, unknown>> };
}

async function get(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Answer['body'] };
}

/** Polls a condition (reconnects back off); bounded, not a timing assertion. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 75; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('worker health', () => {
  describe('with its dependencies up', () => {
    let t: TestApp;
    let worker: TestWorker;
    let inbox: SmtpInbox;

    beforeAll(async () => {
      inbox = await SmtpInbox.start();
      t = await startTestApp({ env: { SMTP_URL: inbox.url } });
      worker = await startTestWorker(t);
    });
    afterAll(async () => {
      await worker?.close();
      await t?.close();
      await inbox?.stop();
    });

    it('is live, and ready with Postgres, Redis, every queue worker running and SMTP answering', async () => {
      expect(await get(`${worker.healthUrl}/health/live`)).toEqual({ status: 200, contentType: 'application/json; charset=utf-8', body: { status: 'ok' } });

      const ready = await get(`${worker.healthUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({
        status: 'ok',
        warnings: [],
        checks: {
          postgres: { status: 'up' },
          redis: { status: 'up' },
          workers: {
            status: 'up',
            queues: {
              [QueueName.Reminders]: 'running',
              [QueueName.Outbox]: 'running',
              [QueueName.Digests]: 'running',
              [QueueName.Maintenance]: 'running',
              [QueueName.ReferralImports]: 'running',
              [QueueName.Reports]: 'running',
              [QueueName.Audit]: 'running',
            },
          },
          smtp: { status: 'up', affectsReadiness: false, checkedAt: expect.any(String) },
          schedules: { status: 'up', missing: [], affectsReadiness: false },
          reminderAlerts: { status: 'up', open: 0, affectsReadiness: false },
        },
      });
    });

    it('is not ready, naming the workers, while a queue worker is paused', async () => {
      const reminders = worker.worker.get(QueueConsumers).all().find((consumer) => consumer.name === QueueName.Reminders)!;
      await reminders.pause(true);
      try {
        const ready = await get(`${worker.healthUrl}/health/ready`);
        expect(ready.status).toBe(503);
        expect(ready.contentType).toBe('application/problem+json; charset=utf-8');
        expect(ready.body).toEqual(
          expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', detail: 'Not ready: workers unavailable', instance: '/health/ready' }),
        );
        expect(ready.body.checks!.workers).toEqual(expect.objectContaining({ status: 'down', queues: expect.objectContaining({ [QueueName.Reminders]: 'paused' }) }));
      } finally {
        reminders.resume();
      }
      expect((await get(`${worker.healthUrl}/health/ready`)).status).toBe(200);
    });

    it('answers only GET and HEAD on its two paths', async () => {
      expect(await get(`${worker.healthUrl}/health/ready`, { method: 'POST' })).toEqual(
        expect.objectContaining({ status: 405, body: expect.objectContaining({ code: 'METHOD_NOT_ALLOWED' }) }),
      );
      expect(await get(`${worker.healthUrl}/metrics`)).toEqual(expect.objectContaining({ status: 404, body: expect.objectContaining({ code: 'NOT_FOUND' }) }));
      expect((await fetch(`${worker.healthUrl}/health/live`, { method: 'HEAD' })).status).toBe(200);
    });
  });

  describe('when a dependency is away', () => {
    const postgres = new TcpProxy('127.0.0.1', Number(new URL(requireEnv('DATABASE_URL')).port));
    let t: TestApp;
    let worker: TestWorker;

    beforeAll(async () => {
      await postgres.start();
      // An SMTP URL nothing listens on: port 9 (discard) on loopback.
      t = await startTestApp({ throughDatabaseUrl: (url) => postgres.url(url), env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
      worker = await startTestWorker(t);
    });
    afterAll(async () => {
      await postgres.restore().catch(() => undefined);
      await worker?.close();
      await t?.close();
      await postgres.cut();
    });

    it('stays ready without SMTP, reporting it down for alerting and the worker degraded', async () => {
      const ready = await get(`${worker.healthUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual(expect.objectContaining({ status: 'degraded', warnings: ['smtp'] }));
      expect(ready.body.checks!.smtp).toEqual({ status: 'down', reason: expect.stringMatching(/^[A-Z]/), affectsReadiness: false, checkedAt: expect.any(String) });
    });

    it('answers 503 naming Postgres while it is away, and is ready again when it returns', async () => {
      await postgres.cut();
      const ready = await get(`${worker.healthUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', detail: 'Not ready: postgres unavailable' }));
      expect(ready.body.checks!.postgres).toEqual({ status: 'down', reason: expect.any(String) });
      expect(ready.body.checks!.redis).toEqual({ status: 'up' });

      await postgres.restore();
      await waitFor(async () => (await get(`${worker.healthUrl}/health/ready`)).status === 200);
      expect((await get(`${worker.healthUrl}/health/ready`)).status).toBe(200);
    });
  });
});
