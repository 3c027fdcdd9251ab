import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aJourneyStory } from './report-journey.builder.js';

// Monday 15 June 2026, 11:00 London.
const NOW = new Date('2026-06-15T10:00:00Z');
const PERIOD = { from: '2026-04-01', to: '2026-05-31' };

interface Truth {
  due: number;
  met: number;
  metLate: number;
  breached: number;
  open: number;
  onTimePercent: number | null;
}

type TrendRowBody = Truth & { level: string; ruleId: string | null; targetPercent: number | null; previousOnTimePercent: number | null; lastYearOnTimePercent: number | null; changeOnPrevious: number | null; changeOnLastYear: number | null; direction: string };

/**
 * Compliance trends and targets, against SQL over the duties themselves: the period
 * (April-May 2026), the one before (February-March), the same months of 2025 and the
 * rolling 12 months. The threshold is 1, so every figure is shown.
 */
describe('commissioners’ reports: trends and targets', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let commissioner: SignedInUser;
  let admin: SignedInUser;
  let clevelandId: string;
  let durhamId: string;

  const get = (path: string, query: Record<string, string> = {}, user: SignedInUser = commissioner) =>
    t.http().get(`/api/v1/reports/${path}`).query(query).set('authorization', user.bearer);
  const put = (areaId: string, ruleId: string, body: object, ifMatch?: string, user: SignedInUser = admin) => {
    const request = t.http().put(`/api/v1/reports/targets/${areaId}/${ruleId}`).set('authorization', user.bearer);
    if (ifMatch) request.set('if-match', ifMatch);
    return request.send(body);
  };

  /** The duties of Cleveland due in a London date range, as the compliance report defines them. */
  const truth = async (from: string, to: string, ruleId?: string): Promise<Truth> => {
    const [row] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'met')::int AS met,
              count(*) FILTER (WHERE status = 'met_late')::int AS met_late,
              count(*) FILTER (WHERE status IN ('open', 'breached') AND due_at < $3)::int AS breached,
              count(*) FILTER (WHERE status IN ('open', 'breached') AND due_at >= $3)::int AS open,
              count(*)::int AS due
         FROM duties
        WHERE area_id = $4 AND (due_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date
          AND NOT (status = 'withdrawn' AND withdrawn_reason IN ('recorded_in_error', 'duplicate'))
          AND ($5::text IS NULL OR rule_id = $5)`,
      [from, to, NOW, clevelandId, ruleId ?? null],
    );
    const decided = row.met + row.met_late + row.breached;
    return { due: row.due, met: row.met, metLate: row.met_late, breached: row.breached, open: row.open, onTimePercent: decided ? Math.round((row.met * 1000) / decided) / 10 : null };
  };

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORTS_DISCLOSURE_CONTROL: 'none' } });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
    admin = await fixtures.signedIn(['admin'], []);
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
    // Last year (April 2025): both reached on time. Before (February-March 2026): one on time, one late, one never.
    // The period (April-May 2026): one on time, two never reached.
    const stories = [
      { referredAt: '2025-04-08T08:00:00Z', contactedAt: '2025-04-09T09:00:00Z' },
      { referredAt: '2025-05-13T08:00:00Z', contactedAt: '2025-05-13T12:00:00Z' },
      { referredAt: '2026-02-10T08:00:00Z', contactedAt: '2026-02-11T09:00:00Z' },
      { referredAt: '2026-03-03T08:00:00Z', contactedAt: '2026-03-12T09:00:00Z' },
      { referredAt: '2026-03-17T08:00:00Z' },
      { referredAt: '2026-04-14T08:00:00Z', contactedAt: '2026-04-15T09:00:00Z' },
      { referredAt: '2026-04-21T08:00:00Z' },
      { referredAt: '2026-05-12T08:00:00Z' },
    ];
    for (const story of stories) await aJourneyStory(t, caseworker, clevelandId, story);
  }, 180_000);
  afterAll(() => t.close());

  describe('targets', () => {
    it('lets an admin set a rule’s target for an area, guarded by its version, and audits each change', async () => {
      const created = await put(clevelandId, 'support.first-contact', { targetPercent: 80 });
      expect(created.status).toBe(200);
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toEqual(expect.objectContaining({ areaId: clevelandId, ruleId: 'support.first-contact', targetPercent: 80, version: 1 }));

      expectProblem(await put(clevelandId, 'support.first-contact', { targetPercent: 85 }), 428, 'PRECONDITION_REQUIRED');
      expectProblem(await put(clevelandId, 'support.first-contact', { targetPercent: 85 }, '"7"'), 409, 'CONFLICT');
      const changed = await put(clevelandId, 'support.first-contact', { targetPercent: 85.5 }, '"1"');
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).toBe('"2"');

      const audit = await t.dataSource.query(
        `SELECT action, area_id, details FROM audit_log WHERE entity_type = 'report_target' AND actor_user_id = $1 ORDER BY seq`,
        [admin.id],
      );
      expect(audit).toEqual([
        { action: 'create', area_id: clevelandId, details: { ruleId: 'support.first-contact', targetPercent: 80, previousPercent: null, version: 1 } },
        { action: 'update', area_id: clevelandId, details: { ruleId: 'support.first-contact', targetPercent: 85.5, previousPercent: 80, version: 2 } },
      ]);
    });

    it('refuses a percentage outside 0-100 or finer than one decimal, an unknown rule and an unknown area', async () => {
      for (const targetPercent of [101, -1, 85.55, '85']) expectProblem(await put(durhamId, 'support.first-contact', { targetPercent }), 400, 'VALIDATION_FAILED');
      expectProblem(await put(durhamId, 'support.no-such-rule', { targetPercent: 80 }), 400, 'VALIDATION_FAILED');
      expectProblem(await put('3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c', 'support.first-contact', { targetPercent: 80 }), 404, 'NOT_FOUND');
    });

    it('lets commissioners read their own areas’ targets only, and change none', async () => {
      await put(durhamId, 'police.refer-to-support', { targetPercent: 90 });
      const own = await get('targets');
      expect(own.status).toBe(200);
      expect(own.body.items.map((item: { areaId: string }) => item.areaId)).toEqual([clevelandId]);
      expectProblem(await get('targets', { areaId: durhamId }), 404, 'NOT_FOUND');
      expectProblem(await put(clevelandId, 'support.first-contact', { targetPercent: 10 }, '"2"', commissioner), 403, 'ROLE_NOT_ALLOWED');
    });

    it('removes a target with its version', async () => {
      const made = await put(durhamId, 'wcu.inform-hearing', { targetPercent: 70 });
      expectProblem(await t.http().delete(`/api/v1/reports/targets/${durhamId}/wcu.inform-hearing`).set('authorization', admin.bearer), 428, 'PRECONDITION_REQUIRED');
      const removed = await t.http().delete(`/api/v1/reports/targets/${durhamId}/wcu.inform-hearing`).set('authorization', admin.bearer).set('if-match', made.headers.etag);
      expect(removed.status).toBe(204);
    });
  });

  describe('trends', () => {
    it('gives each rule and the total against the previous period and last year, as SQL over the duties counts them', async () => {
      const response = await get('trends', PERIOD);
      expect(response.status).toBe(200);
      expect(response.body.previous).toEqual({ from: '2026-02-01', to: '2026-03-31' });
      expect(response.body.lastYear).toEqual({ from: '2025-04-01', to: '2025-05-31' });
      expect(response.body.directionThresholdPoints).toBe(2);
      const rows: TrendRowBody[] = response.body.rows;
      expect(rows.at(-1)!.level).toBe('total');
      for (const row of rows) {
        const ruleId = row.ruleId ?? undefined;
        const now = await truth(PERIOD.from, PERIOD.to, ruleId);
        const before = await truth('2026-02-01', '2026-03-31', ruleId);
        const yearAgo = await truth('2025-04-01', '2025-05-31', ruleId);
        expect({ ruleId, due: row.due, met: row.met, metLate: row.metLate, breached: row.breached, open: row.open, onTimePercent: row.onTimePercent }).toEqual({ ruleId, ...now });
        expect([ruleId, row.previousOnTimePercent, row.lastYearOnTimePercent]).toEqual([ruleId, before.onTimePercent, yearAgo.onTimePercent]);
        const change = now.onTimePercent !== null && before.onTimePercent !== null ? Math.round((now.onTimePercent - before.onTimePercent) * 10) / 10 : null;
        expect([ruleId, row.changeOnPrevious]).toEqual([ruleId, change]);
        const direction = change === null ? 'unknown' : change >= 2 ? 'improving' : change <= -2 ? 'worsening' : 'steady';
        expect([ruleId, row.direction]).toEqual([ruleId, direction]);
      }
      // First contact: 1 of 3 on time now (33.3%), 1 of 3 before (33.3%: steady), 2 of 2 last year.
      const firstContact = rows.find((row) => row.ruleId === 'support.first-contact')!;
      expect(firstContact).toEqual(expect.objectContaining({ onTimePercent: 33.3, previousOnTimePercent: 33.3, lastYearOnTimePercent: 100, direction: 'steady', changeOnLastYear: -66.7, targetPercent: 85.5 }));
    });

    it('gives the rolling 12 months month by month, of all rules or one rule with its target, and the worst rules', async () => {
      const response = await get('trends', { ...PERIOD, ruleId: 'support.first-contact' });
      expect(response.body.rolling.map((month: { label: string }) => month.label)).toEqual([
        '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05',
      ]);
      for (const month of response.body.rolling) {
        const { due, onTimePercent } = await truth(month.from, month.to, 'support.first-contact');
        expect([month.label, month.due, month.onTimePercent, month.targetPercent]).toEqual([month.label, due, onTimePercent, 85.5]);
      }
      const all = await get('trends', PERIOD);
      for (const month of all.body.rolling) expect([month.label, month.due, month.targetPercent]).toEqual([month.label, (await truth(month.from, month.to)).due, null]);

      const shown = (all.body.rows as TrendRowBody[]).filter((row) => row.level === 'rule' && row.onTimePercent !== null).map((row) => row.onTimePercent!);
      expect(all.body.worstRules.length).toBe(Math.min(3, shown.length));
      expect(all.body.worstRules[0].onTimePercent).toBe(Math.min(...shown));
      for (const owner of all.body.worstByOwner) for (const rule of owner.rules) expect(rule.owner).toBe(owner.owner);
    });

    it('answers CSV with the target beside each rule, numeric columns numeric', async () => {
      const response = await get('trends', { ...PERIOD, format: 'csv' });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      const [header, ...lines] = response.text.trim().split('\r\n');
      const columns = header.split(',');
      expect(columns).toEqual(expect.arrayContaining(['section', 'rule_id', 'on_time_percent', 'protected', 'target_percent', 'change_on_previous', 'direction']));
      const firstContact = lines.map((line) => line.split(',')).find((cells) => cells[columns.indexOf('section')] === 'period' && cells[columns.indexOf('rule_id')] === 'support.first-contact')!;
      expect(firstContact[columns.indexOf('target_percent')]).toBe('85.5');
      expect(firstContact[columns.indexOf('on_time_percent')]).toBe('33.3');
      expect(lines.filter((line) => line.includes(',month,')).length).toBe(12);
    });

    it('scopes and validates as the compliance report does', async () => {
      expectProblem(await get('trends', { ...PERIOD, areaId: durhamId }), 404, 'NOT_FOUND');
      expectProblem(await get('trends', { from: '2026-04-31', to: '2026-05-31' }), 400, 'VALIDATION_FAILED');
      expectProblem(await get('trends', { ...PERIOD, ruleId: 'nope' }), 400, 'VALIDATION_FAILED');
      const caseworkerAsks = await get('trends', PERIOD, caseworker);
      expectProblem(caseworkerAsks, 403, 'ROLE_NOT_ALLOWED');
    });
  });
});
