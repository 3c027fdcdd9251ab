import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WitnessTrialPeriod, WitnessTrialReport } from '../../src/reports/dto/report-responses.dto.js';
import { WITNESS_TRIAL_CSV_COLUMNS } from '../../src/reports/report-csv.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { ReportRollups } from '../../src/reports/rollups/report-rollups.service.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { actorOf } from './report-journey.builder.js';
import { aWitnessTrialWorld, type WitnessTrialWorld } from './witness-trial.builder.js';
import { expectProtected } from './disclosure-checks.js';
import { protectedBuild } from '../../src/reports/disclosure/protected-build.js';
import { buildWitnessTrialReport, type WitnessTrialRows } from '../../src/reports/witness-trial.report.js';
import { ReportsRepository } from '../../src/reports/reports.repository.js';
import { periodGroups, wholePeriod } from '../../src/reports/report-periods.js';
import type { FactScope } from '../../src/reports/facts/fact-scope.js';

/** The report built exactly from the live facts of the commissioner's area. */
async function exactWitnessTrial(t: TestApp, user: SignedInUser) {
  const repository = t.app.get(ReportsRepository);
  const scope: FactScope = { areaIds: actorOf(user).areaIds, period: QUARTER, asAt: NOW, filters: {} };
  const rows: WitnessTrialRows = await t.dataSource.transaction(async (tx) => ({
    trials: await repository.trialTotals(tx, scope, 'live'),
    duties: await repository.dutyTotals(tx, scope, 'live'),
    attendance: await repository.witnessAttendanceTotals(tx, scope, 'live'),
    specialMeasures: await repository.specialMeasureTotals(tx, scope, 'live'),
    preTrialVisits: await repository.preTrialVisitTotals(tx, scope, 'live'),
  }));
  return protectedBuild('none', rows, (facts, protection) => buildWitnessTrialReport(facts, periodGroups(QUARTER.from, QUARTER.to, 'month'), wholePeriod(QUARTER.from, QUARTER.to), protection));
}

// Monday 20 July 2026: the first quarter of 2026-27 is over, and trial 5 (2 July) is after it.
const NOW = new Date('2026-07-20T10:00:00Z');
const QUARTER = { from: '2026-04-01', to: '2026-06-30' };

type Reasons = WitnessTrialPeriod['trials']['crackedReasons'];
const countsOf = (reasons: Reasons | Array<{ reason: string; count: unknown }>) =>
  Object.fromEntries(reasons.filter((entry) => entry.count !== 0).map((entry) => [entry.reason, entry.count]));

describe('commissioners’ reports: witness and trial', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let commissioner: SignedInUser;
  let world: WitnessTrialWorld;

  const get = (query: Record<string, string> = {}, user: SignedInUser = commissioner) =>
    t.http().get('/api/v1/reports/witness-and-trial').query({ ...QUARTER, ...query }).set('authorization', user.bearer);
  const report = async (query: Record<string, string> = {}): Promise<WitnessTrialReport> => {
    const response = await get(query);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORTS_DISCLOSURE_CONTROL: 'none' } });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland', 'durham']);
    world = await aWitnessTrialWorld(t, caseworker, officer, await fixtures.areaId('cleveland'), NOW);
  });
  afterAll(() => t.close());

  describe('trials', () => {
    it('counts the trials heard in each month and the quarter by effectiveness and reason, and those lost to a witness issue', async () => {
      const { periods, whole } = await report();
      expect(periods.map((period) => period.label)).toEqual(['2026-04', '2026-05', '2026-06']);
      const summary = (period: WitnessTrialPeriod) => ({
        total: period.trials.total,
        effective: period.trials.effective,
        cracked: period.trials.cracked,
        ineffective: period.trials.ineffective,
        crackedReasons: countsOf(period.trials.crackedReasons),
        ineffectiveReasons: countsOf(period.trials.ineffectiveReasons),
        witnessIssues: period.trials.witnessIssues,
      });
      expect(periods.map(summary)).toEqual([
        { total: 1, effective: 1, cracked: 0, ineffective: 0, crackedReasons: {}, ineffectiveReasons: {}, witnessIssues: { total: 0, cracked: 0, ineffective: 0, percent: 0 } },
        {
          total: 2, effective: 0, cracked: 1, ineffective: 1,
          crackedReasons: { prosecution_witness_absent: 1 }, ineffectiveReasons: { defendant_unwell: 1 },
          witnessIssues: { total: 1, cracked: 1, ineffective: 0, percent: 50 },
        },
        {
          total: 1, effective: 0, cracked: 0, ineffective: 1,
          crackedReasons: {}, ineffectiveReasons: { special_measures_not_in_place: 1 },
          witnessIssues: { total: 1, cracked: 0, ineffective: 1, percent: 100 },
        },
      ]);
      expect(summary(whole)).toEqual({
        total: 4, effective: 1, cracked: 1, ineffective: 2,
        crackedReasons: { prosecution_witness_absent: 1 },
        ineffectiveReasons: { defendant_unwell: 1, special_measures_not_in_place: 1 },
        witnessIssues: { total: 2, cracked: 1, ineffective: 1, percent: 50 },
      });
      expect([whole.trials.effectivePercent, whole.trials.crackedPercent, whole.trials.ineffectivePercent]).toEqual([25, 25, 50]);
      // Every reason the court can give is listed, zero or not, marked if it is a witness issue.
      expect(whole.trials.crackedReasons.find((entry) => entry.reason === 'prosecution_witness_withdrew')).toEqual({ reason: 'prosecution_witness_withdrew', witnessIssue: true, count: 0 });
      expect(whole.trials.ineffectiveReasons.find((entry) => entry.reason === 'no_court_time')).toEqual({ reason: 'no_court_time', witnessIssue: false, count: 0 });
    });

    it('counts a trial when at least one journey of its crime matches the journey filters, and by the crime’s offence', async () => {
      const total = async (query: Record<string, string>) => (await report(query)).whole.trials.total;
      expect(await total({ role: 'witness' })).toBe(2);
      expect(await total({ role: 'victim' })).toBe(4);
      expect(await total({ enhanced: 'true' })).toBe(2);
      expect(await total({ enhanced: 'false' })).toBe(4);
      // Crime A's witness is enhanced: no one journey is both a witness and standard.
      expect(await total({ role: 'witness', enhanced: 'false' })).toBe(0);
      expect(await total({ organisationId: caseworker.organisationId })).toBe(2);
      expect(await total({ organisationId: caseworker.organisationId, role: 'witness' })).toBe(0);
      expect(await total({ offenceCategory: 'violence_with_injury' })).toBe(2);
      expect(await total({ offenceCategory: 'burglary', enhanced: 'true' })).toBe(2);
      expect(await total({ groupBy: 'quarter' })).toBe(4);
      // A part-month period counts by the instant heard.
      expect((await report({ from: '2026-05-15', to: '2026-05-31' })).whole.trials).toEqual(expect.objectContaining({ total: 2, cracked: 1, ineffective: 1 }));
    });
  });

  describe('witnesses', () => {
    it('counts attendance at hearings heard in the period, by reason, and whether the witness was warned for the hearing as it went ahead', async () => {
      const { periods, whole } = await report();
      const summary = (period: WitnessTrialPeriod) => {
        const { failedReasons, attendedPercent, warnedPercent, ...counts } = period.attendance;
        return { ...counts, failedReasons: countsOf(failedReasons), attendedPercent, warnedPercent };
      };
      expect(periods.map((period) => [period.attendance.recorded, period.attendance.attended, period.attendance.failedToAttend, period.attendance.excused])).toEqual([
        [1, 1, 0, 0],
        [2, 1, 1, 0],
        [1, 0, 0, 1],
      ]);
      expect(summary(whole)).toEqual({
        recorded: 4, expected: 3, attended: 2, failedToAttend: 1, excused: 1, notRequired: 0,
        warned: 1, notWarned: 2,
        attendedWarning: { warned: 1, notWarned: 1 },
        failedWarning: { warned: 0, notWarned: 1 },
        failedReasons: { not_warned: 1 },
        attendedPercent: 66.7,
        warnedPercent: 33.3,
      });
      // By the witness's own journey.
      const witnesses = (await report({ role: 'witness' })).whole.attendance;
      expect([witnesses.recorded, witnesses.attended, witnesses.failedToAttend, witnesses.excused]).toEqual([3, 1, 1, 1]);
      const organisation = (await report({ organisationId: caseworker.organisationId })).whole.attendance;
      expect([organisation.recorded, organisation.attended, organisation.notWarned]).toEqual([1, 1, 1]);
    });

    it('counts special measures requested in the period, where they stand, refusals by reason, and each measure', async () => {
      const { periods, whole } = await report();
      expect(periods.map((period) => [period.specialMeasures.requested, period.specialMeasures.granted, period.specialMeasures.refused, period.specialMeasures.outstanding])).toEqual([
        [1, 1, 0, 0],
        [1, 0, 1, 0],
        [1, 0, 0, 1],
      ]);
      const measures = whole.specialMeasures;
      expect([measures.requested, measures.granted, measures.refused, measures.outstanding, measures.grantedPercent]).toEqual([3, 1, 1, 1, 50]);
      expect(countsOf(measures.refusalReasons)).toEqual({ facilities_unavailable: 1 });
      expect(measures.measures.filter((measure) => measure.requested !== 0)).toEqual([
        { measure: 'screens', requested: 1, granted: 1 },
        { measure: 'live_link', requested: 1, granted: 0 },
        { measure: 'intermediary', requested: 1, granted: 0 },
      ]);
      expect((await report({ role: 'victim' })).whole.specialMeasures.requested).toBe(0);
      expect((await report({ enhanced: 'true' })).whole.specialMeasures.requested).toBe(3);
    });

    it('counts pre-trial visits offered in the period: taken, declined, no answer yet', async () => {
      const { periods, whole } = await report();
      expect(periods.map((period) => period.preTrialVisits)).toEqual([
        { offered: 1, taken: 1, declined: 0, noAnswerYet: 0, takenPercent: 100 },
        { offered: 1, taken: 0, declined: 1, noAnswerYet: 0, takenPercent: 0 },
        { offered: 1, taken: 0, declined: 0, noAnswerYet: 1, takenPercent: 0 },
      ]);
      expect(whole.preTrialVisits).toEqual({ offered: 3, taken: 1, declined: 1, noAnswerYet: 1, takenPercent: 33.3 });
      expect((await report({ role: 'victim' })).whole.preTrialVisits).toEqual(expect.objectContaining({ offered: 2, declined: 1, noAnswerYet: 1 }));
    });

    it('gives the witness care duties exactly as the compliance report counts their rule', async () => {
      const queries: Array<Record<string, string>> = [{}, { role: 'witness' }, { enhanced: 'true' }, { from: '2026-04-10', to: '2026-05-20' }];
      for (const query of queries) {
        const ours = await report(query);
        const compliance = await t.http().get('/api/v1/reports/code-compliance').query({ ...QUARTER, ...query }).set('authorization', commissioner.bearer);
        const rule = (ruleId: string) => {
          const row = compliance.body.whole.rules.find((candidate: { ruleId: string }) => candidate.ruleId === ruleId);
          if (!row) return { due: 0, met: 0, metLate: 0, breached: 0, open: 0, withdrawn: 0, onTimePercent: null };
          const { ruleId: _id, title: _title, right: _right, owner: _owner, medianWorkingDaysLate: _median, p90WorkingDaysLate: _p90, ...block } = row;
          return block;
        };
        expect(ours.whole.witnessesInformed).toEqual(rule('wcu.inform-hearing'));
        expect(ours.whole.witnessNeedsAssessment).toEqual(rule('wcu.needs-assessment'));
      }
      const { whole } = await report();
      // Three journeys on crimes with hearings: told of each listing (and each move) in the quarter.
      expect(whole.witnessesInformed.due).toBeGreaterThanOrEqual(6);
      expect(whole.witnessNeedsAssessment.due).toBeGreaterThanOrEqual(1);
    });
  });

  describe('the rollups', () => {
    it('give exactly the plain queries’ figures, whatever the filters', async () => {
      await t.app.get(ReportRollups).refresh();
      const reports = t.app.get(ReportsService);
      const actor = actorOf(commissioner);
      const queries = [
        { ...QUARTER, groupBy: 'month' as const },
        { ...QUARTER, groupBy: 'quarter' as const, enhanced: true },
        { ...QUARTER, groupBy: 'month' as const, enhanced: false, role: 'victim' as const },
        { ...QUARTER, groupBy: 'month' as const, role: 'witness' as const },
        { ...QUARTER, groupBy: 'month' as const, organisationId: caseworker.organisationId },
        { ...QUARTER, groupBy: 'month' as const, organisationId: caseworker.organisationId, enhanced: false, role: 'victim' as const },
        { ...QUARTER, groupBy: 'month' as const, offenceCategory: 'burglary' as const, role: 'witness' as const },
        { from: '2026-04-01', to: '2026-07-31', groupBy: 'quarter' as const, areaId: await fixtures.areaId('cleveland') },
      ];
      for (const query of queries) {
        const { source: fromRollup, ...rollup } = await reports.witnessAndTrial(actor, query, 'json', 'rollup');
        const { source: fromTables, ...live } = await reports.witnessAndTrial(actor, query, 'json', 'live');
        expect([fromRollup, fromTables]).toEqual(['rollup', 'live']);
        expect(rollup).toEqual(live);
      }
      // The rollup holds categories, not trials: a handful of rows.
      const [{ rows }] = await t.dataSource.query(`SELECT count(*)::int AS rows FROM report_trial_rollup WHERE collapsed = 7`);
      expect(rows).toBe(5);
    });
  });

  describe('CSV', () => {
    it('gives one line per period and figure, the figure named by its JSON path', async () => {
      const response = await get({ format: 'csv' });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      const [header, ...lines] = response.text.trimEnd().split('\r\n');
      expect(header).toBe(WITNESS_TRIAL_CSV_COLUMNS.join(','));
      const value = (period: string, figure: string) => lines.find((line) => line.split(',')[1] === period && line.split(',')[4] === figure)?.split(',')[5];
      expect(value('all', 'trials.total')).toBe('4');
      expect(value('2026-05', 'trials.crackedReasons.prosecution_witness_absent')).toBe('1');
      expect(value('all', 'trials.witnessIssues.percent')).toBe('50');
      expect(value('all', 'attendance.failedWarning.notWarned')).toBe('1');
      expect(value('all', 'specialMeasures.measures.screens.granted')).toBe('1');
      expect(value('2026-06', 'preTrialVisits.noAnswerYet')).toBe('1');
      expect(value('all', 'witnessesInformed.onTimePercent')).toBeDefined();
      const perPeriod = lines.filter((line) => line.split(',')[1] === 'all').length;
      expect(lines).toHaveLength(perPeriod * 4);
    });
  });

  describe('privacy, audit and access', () => {
    it('carries no personal data or record ids', async () => {
      const response = await get();
      const text = JSON.stringify(response.body) + (await get({ format: 'csv' })).text;
      const ids = [world.crimeA, world.crimeB, world.victimA, world.witnessA, world.victimB, ...world.hearingIds];
      for (const id of ids) expect(text).not.toContain(id);
      const [person] = await t.dataSource.query(`SELECT p.given_name, p.family_name FROM people p JOIN journeys j ON j.person_id = p.id WHERE j.id = $1`, [world.witnessA]);
      expect(text).not.toContain(person.family_name);
      expect(text).not.toMatch(/"(name|notes|comment|dateOfBirth|phone|email)"/);
    });

    it('audits each request with the report and its filters', async () => {
      await get({ role: 'witness', groupBy: 'quarter' });
      const [row] = await t.dataSource.query(
        `SELECT action, entity_type, entity_id, details FROM audit_log WHERE actor_user_id = $1 AND entity_id = 'witness-and-trial' ORDER BY seq DESC LIMIT 1`,
        [commissioner.id],
      );
      expect(row).toEqual(expect.objectContaining({ action: 'report', entity_type: 'report', entity_id: 'witness-and-trial' }));
      expect(row.details).toEqual(expect.objectContaining({
        report: 'witness-and-trial',
        format: 'json',
        filters: expect.objectContaining({ ...QUARTER, groupBy: 'quarter', role: 'witness', enhanced: null, organisationId: null, offenceCategory: null }),
      }));
    });

    it('answers commissioners and supervisors, 404s another area, refuses other roles and names bad filters', async () => {
      const supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
      expect((await get({}, supervisor)).body.whole.trials.total).toBe(4);
      expectProblem(await get({ areaId: await fixtures.areaId('durham') }, supervisor), 404, 'NOT_FOUND');
      expect((await get({}, caseworker)).status).toBe(403);
      expect((await get({}, officer)).status).toBe(403);
      const bad = await get({ from: 'soon', groupBy: 'week', role: 'judge', enhanced: 'maybe' });
      expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['enhanced', 'from', 'groupBy', 'role']);
    });
  });
});

describe('commissioners’ reports: witness and trial, protected figures', () => {
  let t: TestApp;
  let commissioner: SignedInUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    const caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    const officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
    // Five more effective trials in May and in June, so some counts reach the threshold.
    await aWitnessTrialWorld(t, caseworker, officer, await fixtures.areaId('cleveland'), NOW, 5);
  });
  afterAll(() => t.close());

  it('perturbs every count: zeros stay zero, 1 to 4 shown as 0, none from 7 up more than 2 from the truth', async () => {
    const response = await t.http().get('/api/v1/reports/witness-and-trial').query(QUARTER).set('authorization', commissioner.bearer);
    expect(response.status).toBe(200);
    const body: WitnessTrialReport = response.body;
    expect(body.disclosure).toEqual(expect.objectContaining({ method: 'cell-key', minimumBase: 10 }));
    // Asked again, the same records give the same figures.
    const again = await t.app.get(ReportsService).witnessAndTrial(actorOf(commissioner), { ...QUARTER, groupBy: 'month' } as never, 'json');
    expect(again.whole).toEqual(body.whole);
    const truth = await exactWitnessTrial(t, commissioner);
    // April: 1 effective trial, shown as 0 (a small count is set to zero).
    expect(truth.periods[0].trials.effective).toBe(1);
    expect(body.periods[0].trials.effective).toBe(0);
    const { counts } = expectProtected([body.periods, body.whole], [truth.periods, truth.whole]);
    expect(counts).toBeGreaterThan(50);
  });
});
