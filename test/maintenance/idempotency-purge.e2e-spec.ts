import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MaintenanceService } from '../../src/maintenance/maintenance.service.js';
import { Fixtures, type TestUser } from '../support/fixtures.js';
import { aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

describe('Idempotency-Key retention', () => {
  let t: TestApp;
  let worker: TestWorker;
  let police: TestUser & { apiKey: string };
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-01T09:00:00Z') });
    worker = await startTestWorker(t);
    const fixtures = new Fixtures(t);
    police = await fixtures.partnerClient(['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('replays an answer for a day, then forgets the key so the table does not grow for ever', async () => {
    const key = randomUUID();
    const body = aReferral(clevelandId, { crime: { reportedAt: '2026-03-31T09:00:00Z' } });
    const first = await t.http().post('/api/v1/referrals').set('x-api-key', police.apiKey).set('idempotency-key', key).send(body);
    expect(first.status).toBe(201);
    await t.dataSource.query(`UPDATE idempotency_records SET created_at = $1 WHERE key = $2`, [new Date('2026-04-01T08:00:00Z'), key]);

    t.clock.set(new Date('2026-04-01T20:00:00Z'));
    expect(await worker.worker.get(MaintenanceService).purgeIdempotencyRecords()).toBe(0);
    t.clock.set(new Date('2026-04-02T08:00:01Z'));
    expect(await worker.worker.get(MaintenanceService).purgeIdempotencyRecords()).toBe(1);
    expect(await t.dataSource.query(`SELECT 1 FROM idempotency_records WHERE key = $1`, [key])).toEqual([]);
  });
});
