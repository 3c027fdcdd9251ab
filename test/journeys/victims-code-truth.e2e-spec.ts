import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VC_2020_1, VC_2020_1_RULE_SET, type RuleSet } from '../../libs/victims-code/src/index.js';
import { aDefendant } from '../support/defendant.builder.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney, dutiesByRule, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aCrimeReference } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 16, "Victims' Code truth", driven through the API: every deadline runs from the
 * right moment (receipt), for the right victim (enhanced rights from the facts), under the
 * right Code (the rule set in force), and mistakes can be withdrawn without rewriting history.
 */

// Thursday 16 April 2026, 10:00 London (BST), clear of Easter.
const NOW = new Date('2026-04-16T09:00:00Z');

describe('Victims’ Code truth (issue 16)', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let supervisor: SignedInUser;
  let commissioner: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORTS_DISCLOSURE_CONTROL: 'none' } });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const arrest = async (crimeId: string, decidedAt = '2026-04-16T08:00:00Z') => {
    const response = await t.http().post(`/api/v1/crimes/${crimeId}/police-decisions`).set('authorization', officer.bearer).send({ kind: 'suspect_arrested', decidedAt });
    if (response.status !== 201) throw new Error(`decision failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };

  describe('enhanced rights from the facts', () => {
    it('gives a sexual-offence victim referred with no enhancedRights block 1 working day to be told of a police decision', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId, {
        crime: { offenceCategory: 'sexual_offence' },
        consent: { referral: 'given' },
      });
      await arrest(journey.crimeId);
      const duties = await dutiesByRule(t, caseworker, journey.journeyId);
      expect(duties['police.inform-decision']).toEqual(expect.objectContaining({ enhanced: true, dueAt: '2026-04-17T22:59:59.999Z' }));
      const view = await t.http().get(`/api/v1/journeys/${journey.journeyId}`).set('authorization', caseworker.bearer);
      expect(view.body.enhancedRights).toEqual(expect.objectContaining({
        entitled: true,
        categories: ['most_serious_crime'],
        bases: [expect.objectContaining({ category: 'most_serious_crime', reason: 'offence_category', source: 'derived', recordedBy: caseworker.id })],
      }));
      const timeline = await t.http().get(`/api/v1/journeys/${journey.journeyId}/timeline`).set('authorization', caseworker.bearer);
      const recorded = timeline.body.items.find((item: { type: string }) => item.type === 'enhanced-rights.recorded');
      expect(recorded.payload).toEqual(expect.objectContaining({ categories: ['most_serious_crime'], derived: true }));
    });

    it('gives a 15-year-old robbery victim 1 working day to be told of a police decision', async () => {
      // 15 on the day of the offence: born 15 June 2010, robbed 30 March 2026.
      const journey = await aReferredJourney(t, caseworker, clevelandId, {
        crime: { offenceCategory: 'robbery', offenceDate: '2026-03-30' },
        person: { dateOfBirth: '2010-06-15' },
      });
      await arrest(journey.crimeId);
      const duties = await dutiesByRule(t, caseworker, journey.journeyId);
      expect(duties['police.inform-decision']).toEqual(expect.objectContaining({ enhanced: true, dueAt: '2026-04-17T22:59:59.999Z' }));
      expect(duties['support.first-contact']).toEqual(expect.objectContaining({ enhanced: true }));
      const view = await t.http().get(`/api/v1/journeys/${journey.journeyId}`).set('authorization', caseworker.bearer);
      expect(view.body.enhancedRights.bases).toEqual([expect.objectContaining({ category: 'vulnerable', reason: 'under_18_at_offence', source: 'derived' })]);
    });

    it('gives an adult burglary victim the standard 5 working days', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId);
      await arrest(journey.crimeId);
      const duties = await dutiesByRule(t, caseworker, journey.journeyId);
      expect(duties['police.inform-decision']).toEqual(expect.objectContaining({ enhanced: false, dueAt: '2026-04-23T22:59:59.999Z' }));
    });

    it('derives again when the person’s vulnerability flags change, shortening only duties opened from then on', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId);
      // The flag is recorded ten minutes after the referral.
      t.clock.set(new Date(NOW.getTime() + 600_000));
      const person = await t.http().get(`/api/v1/people/${journey.personId}`).set('authorization', caseworker.bearer);
      const patched = await t.http().patch(`/api/v1/people/${journey.personId}`).set('authorization', caseworker.bearer)
        .set('if-match', person.headers.etag as string).send({ vulnerabilityFlags: ['learning_disability'] });
      t.clock.set(NOW);
      expect(patched.status).toBe(200);
      const view = await t.http().get(`/api/v1/journeys/${journey.journeyId}`).set('authorization', caseworker.bearer);
      expect(view.body.enhancedRights.bases).toEqual([expect.objectContaining({ category: 'vulnerable', reason: 'learning_disability', source: 'derived' })]);
      const duties = await dutiesByRule(t, caseworker, journey.journeyId);
      // First contact was opened at referral, before the flag: its deadline stays.
      expect(duties['support.first-contact']).toEqual(expect.objectContaining({ enhanced: false }));
      t.clock.set(new Date(NOW.getTime() + 600_000));
      await arrest(journey.crimeId, '2026-04-16T09:10:00Z');
      t.clock.set(NOW);
      expect((await dutiesByRule(t, caseworker, journey.journeyId))['police.inform-decision']).toEqual(expect.objectContaining({ enhanced: true }));
    });

    it('derives again when the police reclassify the crime: a sexual offence gets 1 working day from then on, on every journey on the crime', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId, { crime: { offenceCategory: 'violence_with_injury' } });
      expect((await dutiesByRule(t, caseworker, journey.journeyId))['support.first-contact']).toEqual(expect.objectContaining({ enhanced: false }));
      const reclassify = (body: Record<string, unknown>) =>
        t.http().post(`/api/v1/crimes/${journey.crimeId}/reclassifications`).set('authorization', officer.bearer).send(body);

      // Nothing to change, a future offence date, no reason: 400s naming the field, nothing written.
      expect(fieldsOf(expectProblem(await reclassify({ reason: 'no facts' }), 400, 'VALIDATION_FAILED'))).toEqual(['offenceCategory']);
      expect(fieldsOf(expectProblem(await reclassify({ offenceCategory: 'violence_with_injury', reason: 'same' }), 400, 'VALIDATION_FAILED'))).toEqual(['offenceCategory']);
      expect(fieldsOf(expectProblem(await reclassify({ offenceDate: '2026-05-01', reason: 'later' }), 400, 'VALIDATION_FAILED'))).toEqual(['offenceDate']);
      expect(new Set(fieldsOf(expectProblem(await reclassify({ offenceCategory: 'sexual_offence' }), 400, 'VALIDATION_FAILED')))).toEqual(new Set(['reason']));
      expect(fieldsOf(expectProblem(await reclassify({ offenceCategory: 'no_such_offence', reason: 'x' }), 400, 'VALIDATION_FAILED'))).toEqual(['offenceCategory']);
      const before = await t.dataSource.query(`SELECT offence_category, version FROM crimes WHERE id = $1`, [journey.crimeId]);
      expect(before[0].offence_category).toBe('violence_with_injury');

      t.clock.set(new Date(NOW.getTime() + 300_000));
      const answer = await reclassify({ offenceCategory: 'sexual_offence', reason: 'Forensic results received: recorded as a sexual offence' });
      t.clock.set(NOW);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(expect.objectContaining({
        previous: { offenceCategory: 'violence_with_injury', offenceDate: expect.anything() },
        current: expect.objectContaining({ offenceCategory: 'sexual_offence' }),
        journeys: [{ journeyId: journey.journeyId, enhancedBasesAdded: [{ category: 'most_serious_crime', reason: 'offence_category' }] }],
      }));
      const view = await t.http().get(`/api/v1/journeys/${journey.journeyId}`).set('authorization', caseworker.bearer);
      expect(view.body.enhancedRights).toEqual(expect.objectContaining({ entitled: true, categories: ['most_serious_crime'] }));
      const timeline = await t.http().get(`/api/v1/journeys/${journey.journeyId}/timeline`).set('authorization', caseworker.bearer);
      const types = timeline.body.items.map((item: { type: string }) => item.type);
      expect(types).toEqual(expect.arrayContaining(['crime.reclassified', 'enhanced-rights.recorded']));
      expect(timeline.body.items.find((item: { type: string }) => item.type === 'crime.reclassified').payload)
        .toEqual(expect.objectContaining({ offenceCategory: 'sexual_offence', previousOffenceCategory: 'violence_with_injury' }));

      // First contact was opened before: it keeps its timescale. The decision news after it is enhanced.
      t.clock.set(new Date(NOW.getTime() + 600_000));
      await arrest(journey.crimeId, '2026-04-16T09:08:00Z');
      t.clock.set(NOW);
      const duties = await dutiesByRule(t, caseworker, journey.journeyId);
      expect(duties['support.first-contact']).toEqual(expect.objectContaining({ enhanced: false }));
      expect(duties['police.inform-decision']).toEqual(expect.objectContaining({ enhanced: true, dueAt: '2026-04-17T22:59:59.999Z' }));
      const audited = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'crime' AND entity_id = $1 AND action = 'update'`, [journey.crimeId]);
      expect(audited).toEqual([{ details: expect.objectContaining({ fields: ['offenceCategory'], journeys: 1 }) }]);
    });

    it('lets a caseworker confirm a derived basis and add one, and remove one only with a reason, audited', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId, { crime: { offenceCategory: 'hate_crime' } });
      const put = async (body: Record<string, unknown>) =>
        t.http().put(`/api/v1/journeys/${journey.journeyId}/enhanced-rights`).set('authorization', caseworker.bearer)
          .set('if-match', await journeyEtag(t, caseworker, journey.journeyId)).send(body);
      const confirmed = await put({ bases: [{ category: 'most_serious_crime', reason: 'offence_category' }, { category: 'intimidated', reason: 'fear_or_distress_about_testifying' }] });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.enhancedRights.bases).toEqual([
        expect.objectContaining({ category: 'most_serious_crime', source: 'derived', confirmedBy: caseworker.id }),
        expect.objectContaining({ category: 'intimidated', reason: 'fear_or_distress_about_testifying', source: 'staff', recordedBy: caseworker.id }),
      ]);
      expect(fieldsOf(expectProblem(await put({ removals: [{ category: 'intimidated', reason: 'fear_or_distress_about_testifying' }] }), 400, 'VALIDATION_FAILED')))
        .toEqual(['removals[0].removalReason']);
      const removed = await put({ removals: [{ category: 'intimidated', reason: 'fear_or_distress_about_testifying', removalReason: 'recorded_in_error' }] });
      expect(removed.body.enhancedRights.categories).toEqual(['most_serious_crime']);
      const [audit] = await t.dataSource.query(
        `SELECT details FROM audit_log WHERE entity_id = $1 AND details->>'kind' = 'enhanced_rights' ORDER BY seq DESC LIMIT 1`,
        [journey.journeyId],
      );
      expect(audit.details.removed).toEqual([{ category: 'intimidated', reason: 'fear_or_distress_about_testifying', source: 'staff', removalReason: 'recorded_in_error' }]);
    });
  });

  describe('duties run from receipt', () => {
    it('makes a listing received three days before it was keyed due 1 working day after receipt, and shows it late', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId);
      const defendant = await aDefendant(t, { areaId: clevelandId, crimeId: journey.crimeId });
      const [court]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM courts WHERE area_id = $1 ORDER BY code LIMIT 1`, [clevelandId]);
      // Received on Monday 13 April, keyed on Thursday 16 April.
      const listed = await t.http().post(`/api/v1/crimes/${journey.crimeId}/hearings`).set('authorization', officer.bearer)
        .send({ type: 'trial', courtId: court.id, listedFor: '2026-05-11T09:30:00Z', defendantIds: [defendant.id], receivedAt: '2026-04-13T09:00:00Z' });
      expect(listed.status).toBe(201);
      const duty = (await dutiesByRule(t, caseworker, journey.journeyId))['wcu.inform-hearing'];
      expect(duty).toEqual(expect.objectContaining({ openedAt: '2026-04-13T09:00:00.000Z', dueAt: '2026-04-14T22:59:59.999Z', status: 'breached', workingDaysLate: 2 }));
      const [event] = await t.dataSource.query(`SELECT received_at, recorded_at FROM journey_events WHERE journey_id = $1 AND type = 'hearing.listed'`, [journey.journeyId]);
      expect(new Date(event.received_at).toISOString()).toBe('2026-04-13T09:00:00.000Z');
      expect(new Date(event.recorded_at).toISOString()).toBe(NOW.toISOString());
    });

    it('refuses a receipt in the future or before the news happened, naming the field, and writes nothing', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId);
      const defendant = await aDefendant(t, { areaId: clevelandId, crimeId: journey.crimeId });
      const outcome = (body: Record<string, unknown>) =>
        t.http().post(`/api/v1/crimes/${journey.crimeId}/outcomes`).set('authorization', officer.bearer).send({ defendantId: defendant.id, verdict: 'guilty', verdictAt: '2026-04-15T09:00:00Z', ...body });
      expect(fieldsOf(expectProblem(await outcome({ receivedAt: '2026-04-23T09:00:00Z' }), 400, 'VALIDATION_FAILED'))).toEqual(['receivedAt']);
      expect(fieldsOf(expectProblem(await outcome({ receivedAt: '2026-04-14T09:00:00Z' }), 400, 'VALIDATION_FAILED'))).toEqual(['receivedAt']);
      expect(fieldsOf(expectProblem(await outcome({}), 400, 'VALIDATION_FAILED'))).toEqual(['receivedAt']);
      expect(await t.dataSource.query(`SELECT 1 FROM court_outcomes WHERE crime_id = $1`, [journey.crimeId])).toHaveLength(0);
    });
  });

  describe('victim-side windows', () => {
    it('shows the Unduly Lenient Sentence window on the journey, closing at the end of the 28th day', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId, { crime: { offenceCategory: 'violence_with_injury' } });
      const defendant = await aDefendant(t, { areaId: clevelandId, crimeId: journey.crimeId });
      const verdict = await t.http().post(`/api/v1/crimes/${journey.crimeId}/outcomes`).set('authorization', officer.bearer)
        .send({ defendantId: defendant.id, verdict: 'guilty', verdictAt: '2026-04-15T09:00:00Z', receivedAt: '2026-04-15T12:00:00Z' });
      const sentence = await t.http().post(`/api/v1/outcomes/${verdict.body.id}/sentence`).set('authorization', officer.bearer).set('if-match', '"1"')
        .send({ sentencedAt: '2026-04-15T10:00:00Z', receivedAt: '2026-04-15T12:00:00Z', disposal: 'immediate_custody', custodialMonths: 24, offenceViolentOrSexual: true });
      expect(sentence.status).toBe(200);
      const view = await t.http().get(`/api/v1/journeys/${journey.journeyId}`).set('authorization', caseworker.bearer);
      expect(view.body.victimWindows).toEqual([
        expect.objectContaining({
          windowId: 'unduly-lenient-sentence', hardLimit: true, subject: { kind: 'outcome', id: verdict.body.id },
          startedAt: '2026-04-15T10:00:00.000Z', closesAt: '2026-05-13T22:59:59.999Z',
        }),
      ]);
      const outcomes = await t.http().get(`/api/v1/journeys/${journey.journeyId}/outcomes`).set('authorization', caseworker.bearer);
      expect(outcomes.body.items[0].victimWindows).toEqual([expect.objectContaining({ windowId: 'unduly-lenient-sentence', closesAt: '2026-05-13T22:59:59.999Z' })]);

      // The witness care unit's queue lists the victim not yet told of the sentence, with the
      // moment to remind (08:00 London, 2 working days before the window closes)…
      const ulsQueue = async () =>
        (await t.http().get('/api/v1/witness-care/queue').query({ section: 'uls_windows', mine: 'false', limit: '100' }).set('authorization', officer.bearer)).body;
      const listed = await ulsQueue();
      expect(listed.items.filter((item: { journey: { id: string } }) => item.journey.id === journey.journeyId)).toEqual([
        expect.objectContaining({
          section: 'uls_windows',
          ulsWindow: { outcomeId: verdict.body.id, sentencedAt: '2026-04-15T10:00:00.000Z', closesAt: '2026-05-13T22:59:59.999Z', remindAt: '2026-05-11T07:00:00.000Z' },
        }),
      ]);
      expect(listed.counts.ulsWindows).toBeGreaterThanOrEqual(1);
      expect(listed.total).toBe(listed.counts.ulsWindows);
      // …and drops it once the victim is told.
      const told = await t.http().post(`/api/v1/journeys/${journey.journeyId}/outcomes/${verdict.body.id}/informed`).set('authorization', officer.bearer)
        .set('if-match', await journeyEtag(t, officer, journey.journeyId)).send({ informedAt: '2026-04-16T08:30:00Z', method: 'phone' });
      expect(told.status).toBe(201);
      expect((await ulsQueue()).items.some((item: { journey: { id: string } }) => item.journey.id === journey.journeyId)).toBe(false);
    });
  });

  describe('corrections', () => {
    it('leaves a duty a supervisor withdrew as recorded in error out of the compliance report, and keeps it on the timeline', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId);
      const dutiesBefore = await t.http().get(`/api/v1/journeys/${journey.journeyId}/duties`).set('authorization', caseworker.bearer);
      const firstContact = dutiesBefore.body.items.find((duty: { ruleId: string }) => duty.ruleId === 'support.first-contact');
      const compliance = async () =>
        (await t.http().get('/api/v1/reports/code-compliance').query({ from: '2026-04-01', to: '2026-04-30', areaId: clevelandId }).set('authorization', commissioner.bearer)).body;
      const dueBefore = (await compliance()).whole.rules.find((rule: { ruleId: string }) => rule.ruleId === 'support.first-contact')?.due ?? 0;

      const withdraw = async (body: Record<string, unknown>, user = supervisor) =>
        t.http().post(`/api/v1/journeys/${journey.journeyId}/duties/${firstContact.id}/withdrawal`).set('authorization', user.bearer)
          .set('if-match', await journeyEtag(t, caseworker, journey.journeyId)).send(body);
      expect((await withdraw({ reason: 'recorded_in_error', note: 'Keyed twice' }, caseworker)).status).toBe(403);
      expect(fieldsOf(expectProblem(await withdraw({ reason: 'changed_my_mind', note: '' }), 400, 'VALIDATION_FAILED'))).toEqual(['note', 'reason']);
      const withdrawn = await withdraw({ reason: 'recorded_in_error', note: 'Referral keyed twice; see VJ duplicate' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toEqual(expect.objectContaining({ status: 'withdrawn', withdrawnReason: 'recorded_in_error' }));

      const dueAfter = (await compliance()).whole.rules.find((rule: { ruleId: string }) => rule.ruleId === 'support.first-contact')?.due ?? 0;
      expect(dueAfter).toBe(dueBefore - 1);
      const timeline = await t.http().get(`/api/v1/journeys/${journey.journeyId}/timeline`).set('authorization', caseworker.bearer);
      expect(timeline.body.items.map((item: { type: string }) => item.type)).toEqual(expect.arrayContaining(['duty.withdrawn', 'referral.received']));
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'duty' AND entity_id = $1`, [firstContact.id]);
      expect(audit.details).toEqual(expect.objectContaining({ change: 'withdrawn', reason: 'recorded_in_error' }));
    });
  });

  describe('voiding and correcting a record', () => {
    it('lets a supervisor void a hearing listed in error: its breached duty is withdrawn as recorded in error, and both records stay', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId);
      const defendant = await aDefendant(t, { areaId: clevelandId, crimeId: journey.crimeId });
      const [court]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM courts WHERE area_id = $1 ORDER BY code LIMIT 1`, [clevelandId]);
      const listed = await t.http().post(`/api/v1/crimes/${journey.crimeId}/hearings`).set('authorization', officer.bearer)
        .send({ type: 'trial', courtId: court.id, listedFor: '2026-05-11T09:30:00Z', defendantIds: [defendant.id], receivedAt: '2026-04-13T09:00:00Z' });
      const correct = (body: Record<string, unknown>, user = supervisor) =>
        t.http().post(`/api/v1/crimes/${journey.crimeId}/corrections`).set('authorization', user.bearer).send(body);
      expect((await correct({ action: 'void', subjectKind: 'hearing', subjectId: listed.body.id, reason: 'recorded_in_error' }, officer)).status).toBe(403);
      expect(fieldsOf(expectProblem(await correct({ action: 'void', subjectKind: 'hearing', subjectId: listed.body.id }), 400, 'VALIDATION_FAILED'))).toEqual(['reason']);
      const voided = await correct({ action: 'void', subjectKind: 'hearing', subjectId: listed.body.id, reason: 'recorded_in_error' });
      expect(voided.status).toBe(200);
      expect(voided.body.journeys).toEqual([expect.objectContaining({ journeyId: journey.journeyId, dutiesChanged: 1 })]);
      const duty = (await dutiesByRule(t, caseworker, journey.journeyId))['wcu.inform-hearing'];
      expect(duty).toEqual(expect.objectContaining({ status: 'withdrawn', withdrawnReason: 'recorded_in_error' }));
      const types = (await t.http().get(`/api/v1/journeys/${journey.journeyId}/timeline`).set('authorization', caseworker.bearer)).body.items.map((item: { type: string }) => item.type);
      expect(types).toEqual(expect.arrayContaining(['hearing.listed', 'record.voided']));
    });

    it('re-times a duty when a supervisor corrects when the news was received', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId);
      const defendant = await aDefendant(t, { areaId: clevelandId, crimeId: journey.crimeId });
      const verdict = await t.http().post(`/api/v1/crimes/${journey.crimeId}/outcomes`).set('authorization', officer.bearer)
        .send({ defendantId: defendant.id, verdict: 'not_guilty', verdictAt: '2026-04-13T09:00:00Z', receivedAt: '2026-04-13T10:00:00Z' });
      expect((await dutiesByRule(t, caseworker, journey.journeyId))['wcu.inform-outcome']).toEqual(expect.objectContaining({ status: 'breached' }));
      const corrected = await t.http().post(`/api/v1/crimes/${journey.crimeId}/corrections`).set('authorization', supervisor.bearer)
        .send({ action: 'correct', subjectKind: 'outcome', subjectId: verdict.body.id, receivedAt: '2026-04-16T08:00:00Z' });
      expect(corrected.status).toBe(200);
      expect((await dutiesByRule(t, caseworker, journey.journeyId))['wcu.inform-outcome'])
        .toEqual(expect.objectContaining({ status: 'open', openedAt: '2026-04-16T08:00:00.000Z', dueAt: '2026-04-17T22:59:59.999Z' }));
    });
  });

  describe('the police’s steps', () => {
    it('opens the VPS offer when the victim gives a witness statement, before any charge, and records the written acknowledgement of the report', async () => {
      const journey = await aReferredJourney(t, caseworker, clevelandId);
      const statement = await t.http().post(`/api/v1/journeys/${journey.journeyId}/witness-statements`).set('authorization', officer.bearer).send({ at: '2026-04-15T14:00:00Z' });
      expect(statement.status).toBe(201);
      expect((await dutiesByRule(t, caseworker, journey.journeyId))['support.vps-offer']).toEqual(expect.objectContaining({ status: 'open', dueAt: '2026-04-22T22:59:59.999Z' }));
      const acknowledged = await t.http().post(`/api/v1/journeys/${journey.journeyId}/crime-report-acknowledgements`).set('authorization', officer.bearer).send({ at: '2026-04-01T09:00:00Z' });
      expect(acknowledged.body).toEqual(expect.objectContaining({ type: 'police.crime-report-acknowledged', at: '2026-04-01T09:00:00.000Z' }));
      const types = (await t.http().get(`/api/v1/journeys/${journey.journeyId}/timeline`).set('authorization', caseworker.bearer)).body.items.map((item: { type: string }) => item.type);
      expect(types).toEqual(expect.arrayContaining(['police.witness-statement-given', 'police.crime-report-acknowledged']));
    });
  });

  describe('late referrals', () => {
    it('owes a victim referred after a charge decision on their crime that news, from the referral’s receipt', async () => {
      const crimeReference = aCrimeReference();
      const first = await aReferredJourney(t, caseworker, clevelandId, { crime: { crimeReference } });
      const decision = await arrest(first.crimeId, '2026-04-14T09:00:00Z');
      // Referred two days later (keyed now), the second victim has not been told.
      const late = await aReferredJourney(t, caseworker, clevelandId, {
        crime: { crimeReference },
        person: { givenName: 'Bea' },
        receivedAt: '2026-04-16T08:00:00Z',
      });
      const duty = (await dutiesByRule(t, caseworker, late.journeyId))['police.inform-decision'];
      expect(duty).toEqual(expect.objectContaining({ openedAt: '2026-04-16T08:00:00.000Z', dueAt: '2026-04-23T22:59:59.999Z', subject: { kind: 'police_decision', id: decision.id } }));
      const timeline = await t.http().get(`/api/v1/journeys/${late.journeyId}/timeline`).set('authorization', caseworker.bearer);
      const owed = timeline.body.items.find((item: { type: string }) => item.type === 'police.decision-made');
      expect(owed).toEqual(expect.objectContaining({ reason: 'late_referral', receivedAt: '2026-04-16T08:00:00.000Z' }));
      expect(owed.payload).toEqual(expect.objectContaining({ owedBecause: 'recent_decision', decisionId: decision.id }));
    });
  });
});

describe('a second rule set commencing on a date (issue 16, "ready for the next Code")', () => {
  // A test-only set: the same rules, but police decisions told within 3 working days. It
  // stands for a new Code's table, whose figures are not invented here.
  const TEST_SET: RuleSet = {
    version: 'test-2026.1',
    commencesOn: '2026-04-20',
    rules: VC_2020_1.map((rule) =>
      rule.id === 'police.inform-decision' ? { ...rule, deadline: { ...rule.deadline, standard: { unit: 'working_days' as const, amount: 3 } } } : rule,
    ),
  };
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-16T09:00:00Z'), ruleSets: [VC_2020_1_RULE_SET, TEST_SET] });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  it('judges a trigger received the day before commencement by vc-2020.1 and one received on the day by the new set, each duty recording its set', async () => {
    const journey = await aReferredJourney(t, caseworker, clevelandId);
    // Days pass between the steps: each signs in afresh (access tokens last 15 minutes).
    const decide = async (decidedAt: string) =>
      t.http().post(`/api/v1/crimes/${journey.crimeId}/police-decisions`).set('authorization', (await fixtures.session(officer)).bearer).send({ kind: 'suspect_arrested', decidedAt });
    // Sunday 19 April, the day before it commences: vc-2020.1's 5 working days (Friday 24 April).
    t.clock.set(new Date('2026-04-19T12:00:00Z'));
    const before = await decide('2026-04-19T11:00:00Z');
    // Monday 20 April, the day it commences: the test set's 3 (Thursday 23 April).
    t.clock.set(new Date('2026-04-20T12:00:00Z'));
    const on = await decide('2026-04-20T11:00:00Z');
    expect([before.status, on.status]).toEqual([201, 201]);
    const duties = (await t.http().get(`/api/v1/journeys/${journey.journeyId}/duties`).set('authorization', (await fixtures.session(caseworker)).bearer)).body.items
      .filter((duty: { ruleId: string }) => duty.ruleId === 'police.inform-decision');
    const bySubject = new Map(duties.map((duty: { subject: { id: string } }) => [duty.subject.id, duty]));
    expect(bySubject.get(before.body.id)).toEqual(expect.objectContaining({ ruleSetVersion: 'vc-2020.1', dueAt: '2026-04-24T22:59:59.999Z' }));
    expect(bySubject.get(on.body.id)).toEqual(expect.objectContaining({ ruleSetVersion: 'test-2026.1', dueAt: '2026-04-23T22:59:59.999Z' }));
  });
});
