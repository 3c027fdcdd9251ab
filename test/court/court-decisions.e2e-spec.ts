import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCrimeWithTwoJourneys, auditRows, courtId, dutiesOf, eventsOf, type CrimeOnTrial } from './court-helpers.js';

// Thursday before Easter 2026 (Good Friday 3 April and Easter Monday 6 April are bank holidays).
const NOW = new Date('2026-04-02T10:00:00Z');
const ONE_WORKING_DAY = '2026-04-07T22:59:59.999Z';
const FIVE_WORKING_DAYS = '2026-04-13T22:59:59.999Z';

describe('court: bail decisions, verdicts, sentences and appeals', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let durhamOfficer: SignedInUser;
  let clevelandId: string;
  let teessideCrown: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamOfficer = await fixtures.signedIn(['witness_care_officer'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
    teessideCrown = await courtId(t, 'teesside-crown');
  });
  afterAll(() => t.close());

  const crime = () => aCrimeWithTwoJourneys(t, caseworker, clevelandId, { enhancedWitness: true });
  const post = (path: string, body: Record<string, unknown>, options: { etag?: string; user?: SignedInUser } = {}) => {
    const request = t.http().post(`/api/v1${path}`).set('authorization', (options.user ?? officer).bearer);
    if (options.etag) request.set('if-match', options.etag);
    // News from the court keyed by hand says when the unit received it (issue 16).
    const news = /\/(outcomes|sentence|appeals|hearing|decision|bail-decisions)$/.test(path);
    const happenedAt = body.verdictAt ?? body.sentencedAt ?? body.lodgedAt ?? body.decidedAt;
    // Received as it happened (the unit in court), unless that is not a past instant.
    const receivedAt = typeof happenedAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(happenedAt) && Date.parse(happenedAt) <= NOW.getTime() ? happenedAt : NOW.toISOString();
    return request.send(news ? { receivedAt, ...body } : body);
  };
  const dueOf = async (journeyId: string, ruleId: string) => (await dutiesOf(t, journeyId, ruleId)).map((duty) => new Date(duty.due_at).toISOString());

  const verdict = async (on: CrimeOnTrial, value: 'guilty' | 'not_guilty' = 'guilty'): Promise<{ id: string }> => {
    const response = await post(`/crimes/${on.crimeId}/outcomes`, { defendantId: on.defendant.id, verdict: value, verdictAt: '2026-04-02T09:00:00Z' });
    if (response.status !== 201) throw new Error(`verdict failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const sentence = (outcomeId: string, body: Record<string, unknown>, etag = '"1"') =>
    post(`/outcomes/${outcomeId}/sentence`, { sentencedAt: '2026-04-02T09:30:00Z', offenceViolentOrSexual: true, ...body }, { etag });

  describe('bail decisions', () => {
    it('tells every journey, owing the standard victim 5 working days and the enhanced witness 1', async () => {
      const on = await crime();
      const response = await post(`/crimes/${on.crimeId}/bail-decisions`, { kind: 'bail_granted', decidedAt: '2026-04-02T09:00:00Z', defendantId: on.defendant.id });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(expect.objectContaining({ kind: 'bail_granted', defendant: { id: on.defendant.id, reference: on.defendant.reference } }));
      const id = response.body.id;
      const [row] = await t.dataSource.query(`SELECT kind, defendant_id, recorded_by FROM court_bail_decisions WHERE id = $1`, [id]);
      expect(row).toEqual({ kind: 'bail_granted', defendant_id: on.defendant.id, recorded_by: officer.id });
      for (const journeyId of [on.victimJourneyId, on.witnessJourneyId]) {
        expect((await eventsOf(t, journeyId, 'court.bail-decision')).map((event) => event.payload)).toEqual([{ bailDecisionId: id, kind: 'bail_granted' }]);
      }
      expect(await dueOf(on.victimJourneyId, 'wcu.inform-bail')).toEqual([FIVE_WORKING_DAYS]);
      expect(await dueOf(on.witnessJourneyId, 'wcu.inform-bail')).toEqual([ONE_WORKING_DAY]);
      expect(await auditRows(t, officer.id, 'bail_decision', id)).toEqual([
        { action: 'create', details: expect.objectContaining({ crimeId: on.crimeId, defendantId: on.defendant.id, kind: 'bail_granted' }) },
      ]);

      const told = await post(`/journeys/${on.witnessJourneyId}/bail-decisions/${id}/informed`, { informedAt: '2026-04-02T10:00:00Z', method: 'in_person' });
      expect(told.status).toBe(201);
      expect(told.body.dutyMet).toEqual(expect.objectContaining({ ruleId: 'wcu.inform-bail', status: 'met' }));
      const list = await t.http().get(`/api/v1/journeys/${on.witnessJourneyId}/bail-decisions`).set('authorization', caseworker.bearer);
      expect(list.body.items[0].journeys).toEqual([expect.objectContaining({ journeyId: on.witnessJourneyId, informed: [expect.objectContaining({ method: 'in_person' })] })]);
    });

    it('names bad fields, and refuses a defendant of another crime', async () => {
      const on = await crime();
      const other = await crime();
      const bad = await post(`/crimes/${on.crimeId}/bail-decisions`, { kind: 'let_off', decidedAt: 'yesterday', defendantId: 'someone' });
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(bad.body)).toEqual(['decidedAt', 'defendantId', 'kind']);
      const stranger = await post(`/crimes/${on.crimeId}/bail-decisions`, { kind: 'remanded_in_custody', decidedAt: '2026-04-02T09:00:00Z', defendantId: other.defendant.id });
      expectProblem(stranger, 422, 'DEFENDANT_NOT_ON_CRIME');
    });

    it('does not find another area’s crime, and refuses telling a victim of another crime’s decision', async () => {
      const on = await crime();
      const other = await crime();
      expectProblem(
        await post(`/crimes/${on.crimeId}/bail-decisions`, { kind: 'bail_granted', decidedAt: '2026-04-02T09:00:00Z', defendantId: on.defendant.id }, { user: durhamOfficer }),
        404,
        'NOT_FOUND',
      );
      const elsewhere = await post(`/crimes/${other.crimeId}/bail-decisions`, { kind: 'bail_granted', decidedAt: '2026-04-02T09:00:00Z', defendantId: other.defendant.id });
      expectProblem(await post(`/journeys/${on.victimJourneyId}/bail-decisions/${elsewhere.body.id}/informed`, { informedAt: '2026-04-02T10:00:00Z', method: 'phone' }), 422, 'SUBJECT_NOT_ON_CRIME');
    });
  });

  describe('verdicts and sentences', () => {
    it('records a verdict per defendant and owes every victim the outcome within 1 working day', async () => {
      const on = await crime();
      const response = await post(`/crimes/${on.crimeId}/outcomes`, { defendantId: on.defendant.id, verdict: 'guilty', verdictAt: '2026-04-02T09:00:00Z' });
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      const id = response.body.id;
      expect(response.body).toEqual(expect.objectContaining({ verdict: 'guilty', sentence: null, appeals: [], defendant: { id: on.defendant.id, reference: on.defendant.reference } }));
      for (const journeyId of [on.victimJourneyId, on.witnessJourneyId]) {
        expect((await eventsOf(t, journeyId, 'court.verdict')).map((event) => event.payload)).toEqual([{ outcomeId: id, verdict: 'guilty' }]);
        expect(await dueOf(journeyId, 'wcu.inform-outcome')).toEqual([ONE_WORKING_DAY]);
      }
      expectProblem(await post(`/crimes/${on.crimeId}/outcomes`, { defendantId: on.defendant.id, verdict: 'guilty', verdictAt: '2026-04-02T09:00:00Z' }), 409, 'OUTCOME_ALREADY_RECORDED');
      expect(await auditRows(t, officer.id, 'outcome', id)).toEqual([{ action: 'create', details: expect.objectContaining({ verdict: 'guilty', defendantId: on.defendant.id }) }]);
    });

    it('records a custodial sentence for a violent offence on the same outcome: one outcome duty, and the Victim Contact Scheme referral', async () => {
      const on = await crime();
      const outcome = await verdict(on);
      expectProblem(await post(`/outcomes/${outcome.id}/sentence`, { sentencedAt: '2026-04-02T09:30:00Z', disposal: 'fine', custodialMonths: 0, offenceViolentOrSexual: false }), 428, 'PRECONDITION_REQUIRED');
      const response = await sentence(outcome.id, { disposal: 'immediate_custody', custodialMonths: 18 });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body.sentence).toEqual({ sentencedAt: '2026-04-02T09:30:00.000Z', disposal: 'immediate_custody', custodialMonths: 18, offenceViolentOrSexual: true, vcsEligible: true });
      for (const journeyId of [on.victimJourneyId, on.witnessJourneyId]) {
        expect((await eventsOf(t, journeyId, 'court.sentence')).map((event) => event.payload)).toEqual([
          { outcomeId: outcome.id, offenceViolentOrSexual: true, custodialMonths: 18, hospitalOrder: false },
        ]);
        expect(await dutiesOf(t, journeyId, 'wcu.inform-outcome')).toHaveLength(1);
        expect(await dutiesOf(t, journeyId, 'wcu.refer-to-vcs')).toEqual([expect.objectContaining({ key: `wcu.refer-to-vcs|outcome:${outcome.id}`, status: 'open' })]);
      }
      expectProblem(await sentence(outcome.id, { disposal: 'fine', custodialMonths: 0 }, '"1"'), 409, 'CONFLICT');
      expectProblem(await sentence(outcome.id, { disposal: 'fine', custodialMonths: 0 }, '"2"'), 409, 'SENTENCE_ALREADY_RECORDED');
    });

    it('opens no Victim Contact Scheme referral for a community order, and one for a hospital order', async () => {
      const community = await crime();
      const first = await verdict(community);
      expect((await sentence(first.id, { disposal: 'community_order', custodialMonths: 0 })).body.sentence.vcsEligible).toBe(false);
      expect(await dutiesOf(t, community.victimJourneyId, 'wcu.refer-to-vcs')).toEqual([]);

      const hospital = await crime();
      const second = await verdict(hospital);
      expect((await sentence(second.id, { disposal: 'hospital_order_with_restriction', custodialMonths: 0 })).body.sentence.vcsEligible).toBe(true);
      expect((await eventsOf(t, hospital.victimJourneyId, 'court.sentence'))[0].payload).toEqual(expect.objectContaining({ hospitalOrder: true }));
      expect(await dutiesOf(t, hospital.victimJourneyId, 'wcu.refer-to-vcs')).toHaveLength(1);
    });

    it('names custody months that do not fit the disposal, and refuses sentencing an acquitted defendant', async () => {
      const on = await crime();
      const outcome = await verdict(on);
      expect(fieldsOf((await sentence(outcome.id, { disposal: 'immediate_custody', custodialMonths: 0 })).body)).toEqual(['custodialMonths']);
      expect(fieldsOf((await sentence(outcome.id, { disposal: 'fine', custodialMonths: 6 })).body)).toEqual(['custodialMonths']);
      expect(fieldsOf((await sentence(outcome.id, { disposal: 'birching', custodialMonths: -1, offenceViolentOrSexual: 'yes' })).body)).toEqual([
        'custodialMonths',
        'disposal',
        'offenceViolentOrSexual',
      ]);
      const acquitted = await crime();
      const cleared = await verdict(acquitted, 'not_guilty');
      expectProblem(await sentence(cleared.id, { disposal: 'fine', custodialMonths: 0 }), 422, 'SENTENCE_WITHOUT_CONVICTION');
    });

    it('records telling the victim of the verdict, then of the sentence, the first meeting the one outcome duty', async () => {
      const on = await crime();
      const outcome = await verdict(on);
      const ofVerdict = await post(`/journeys/${on.victimJourneyId}/outcomes/${outcome.id}/informed`, { informedAt: '2026-04-02T09:15:00Z', method: 'phone' });
      expect(ofVerdict.status).toBe(201);
      expect(ofVerdict.body).toEqual(expect.objectContaining({ stage: 'verdict', dutyMet: expect.objectContaining({ ruleId: 'wcu.inform-outcome', status: 'met' }) }));
      await sentence(outcome.id, { disposal: 'fine', custodialMonths: 0, offenceViolentOrSexual: false });
      const ofSentence = await post(`/journeys/${on.victimJourneyId}/outcomes/${outcome.id}/informed`, { informedAt: '2026-04-02T10:00:00Z', method: 'letter' });
      expect(ofSentence.body).toEqual(expect.objectContaining({ stage: 'sentence', dutyMet: null }));
      expectProblem(await post(`/journeys/${on.victimJourneyId}/outcomes/${outcome.id}/informed`, { informedAt: '2026-04-02T10:00:00Z', method: 'letter' }), 409, 'ALREADY_INFORMED');
      const read = await t.http().get(`/api/v1/outcomes/${outcome.id}`).set('authorization', officer.bearer);
      const victim = read.body.journeys.find((journey: { journeyId: string }) => journey.journeyId === on.victimJourneyId);
      expect(victim.informed.map((informed: { stage: string }) => informed.stage)).toEqual(['verdict', 'sentence']);
    });

    it('does not find another area’s outcome, and audits the attempt', async () => {
      const on = await crime();
      const outcome = await verdict(on);
      expectProblem(await sentence(outcome.id, { disposal: 'fine', custodialMonths: 0 }).set('authorization', durhamOfficer.bearer), 404, 'NOT_FOUND');
      expect((await auditRows(t, durhamOfficer.id, 'outcome', outcome.id)).map((row) => row.action)).toEqual(['access_denied']);
    });
  });

  describe('appeals', () => {
    it('tells every journey of each step, each its own duty: 5 working days standard, 1 enhanced', async () => {
      const on = await crime();
      const outcome = await verdict(on);
      const lodged = await post(`/outcomes/${outcome.id}/appeals`, { lodgedAt: '2026-04-02T09:30:00Z', by: 'defendant', against: 'conviction' });
      expect(lodged.status).toBe(201);
      expect(lodged.body).toEqual(expect.objectContaining({ stage: 'lodged', by: 'defendant', against: 'conviction', hearing: null, decision: null }));
      const appealId = lodged.body.id;
      expect((await eventsOf(t, on.victimJourneyId, 'appeal.lodged')).map((event) => event.payload)).toEqual([{ appealId }]);
      expect(await dueOf(on.victimJourneyId, 'wcu.inform-appeal')).toEqual([FIVE_WORKING_DAYS]);
      expect(await dueOf(on.witnessJourneyId, 'wcu.inform-appeal')).toEqual([ONE_WORKING_DAY]);
      expectProblem(await post(`/outcomes/${outcome.id}/appeals`, { lodgedAt: '2026-04-02T09:30:00Z', by: 'defendant', against: 'conviction' }), 409, 'APPEAL_ALREADY_OPEN');

      expectProblem(await post(`/journeys/${on.victimJourneyId}/appeals/${appealId}/informed`, { informedAt: '2026-04-02T10:00:00Z', method: 'phone', appealStage: 'decided' }), 422, 'APPEAL_STAGE_NOT_REACHED');
      const toldLodged = await post(`/journeys/${on.victimJourneyId}/appeals/${appealId}/informed`, { informedAt: '2026-04-02T10:00:00Z', method: 'phone', appealStage: 'lodged' });
      expect(toldLodged.body.dutyMet).toEqual(expect.objectContaining({ key: `wcu.inform-appeal|appeal:${appealId}/lodged`, status: 'met' }));

      expectProblem(await post(`/appeals/${appealId}/hearing`, { listedFor: '2026-06-01T10:00:00Z', courtId: teessideCrown }), 428, 'PRECONDITION_REQUIRED');
      const hearing = await post(`/appeals/${appealId}/hearing`, { listedFor: '2026-06-01T10:00:00Z', courtId: teessideCrown }, { etag: '"1"' });
      expect(hearing.status).toBe(200);
      expect(hearing.body).toEqual(expect.objectContaining({ stage: 'hearing_listed', hearing: expect.objectContaining({ courtId: teessideCrown, listedFor: '2026-06-01T10:00:00.000Z' }) }));
      expect(await eventsOf(t, on.witnessJourneyId, 'appeal.hearing-listed')).toHaveLength(1);
      expectProblem(await post(`/appeals/${appealId}/decision`, { decidedAt: '2026-04-02T09:45:00Z', result: 'dismissed' }, { etag: '"1"' }), 409, 'CONFLICT');
      const decided = await post(`/appeals/${appealId}/decision`, { decidedAt: '2026-04-02T09:45:00Z', result: 'dismissed' }, { etag: '"2"' });
      expect(decided.body).toEqual(expect.objectContaining({ stage: 'decided', decision: { decidedAt: '2026-04-02T09:45:00.000Z', result: 'dismissed' } }));
      expect(await dutiesOf(t, on.victimJourneyId, 'wcu.inform-appeal')).toHaveLength(3);
      expectProblem(await post(`/appeals/${appealId}/decision`, { decidedAt: '2026-04-02T09:50:00Z', result: 'allowed' }, { etag: '"3"' }), 409, 'APPEAL_DECIDED');
      expect((await auditRows(t, officer.id, 'appeal', appealId)).map((row) => [row.action, row.details.change ?? null])).toEqual([
        ['create', null],
        ['update', 'hearing_listed'],
        ['update', 'decided'],
      ]);
    });

    it('refuses an appeal with nothing to appeal against, and names bad fields', async () => {
      const on = await crime();
      const outcome = await verdict(on);
      expectProblem(await post(`/outcomes/${outcome.id}/appeals`, { lodgedAt: '2026-04-02T09:30:00Z', by: 'defendant', against: 'sentence' }), 422, 'NOTHING_TO_APPEAL');
      expectProblem(await post(`/outcomes/${outcome.id}/appeals`, { lodgedAt: '2026-04-02T09:30:00Z', by: 'prosecution', against: 'conviction' }), 422, 'NOTHING_TO_APPEAL');
      const bad = await post(`/outcomes/${outcome.id}/appeals`, { lodgedAt: 'soon', by: 'victim', against: 'everything' });
      expect(fieldsOf(bad.body)).toEqual(['against', 'by', 'lodgedAt']);
    });

    it('lists the crime’s outcomes with their appeals, the read audited', async () => {
      const on = await crime();
      const outcome = await verdict(on);
      await post(`/outcomes/${outcome.id}/appeals`, { lodgedAt: '2026-04-02T09:30:00Z', by: 'defendant', against: 'conviction' });
      const response = await t.http().get(`/api/v1/crimes/${on.crimeId}/outcomes`).set('authorization', caseworker.bearer);
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([expect.objectContaining({ id: outcome.id, appeals: [expect.objectContaining({ stage: 'lodged' })] })]);
      expect(JSON.stringify(response.body)).not.toContain('Defendant-');
      const audits = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'read' AND entity_id = $2`, [caseworker.id, on.crimeId]);
      expect(audits).toEqual([{ details: { what: 'outcomes' } }]);
    });
  });
});
