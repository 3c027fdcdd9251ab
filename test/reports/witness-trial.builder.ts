import { aCrimeWithTwoJourneys } from '../court/court-helpers.js';
import type { SignedInUser } from '../support/fixtures.js';
import { aCharge, aHearing, aHearingMove, aNotGuiltyPlea } from '../support/hearing.builder.js';
import { aReferredJourney, journeyEtag } from '../support/journey.builder.js';
import type { TestApp } from '../support/test-app.js';

/** The witness and trial world of the report spec: two crimes, their trials, witnesses and what witness care did. */
export interface WitnessTrialWorld {
  crimeA: string;
  crimeB: string;
  victimA: string;
  witnessA: string;
  victimB: string;
  hearingIds: string[];
}

/**
 * Witness care and court steps through the API (hearings listed and moved through CrimeWork,
 * as the court and witness specs do), each at its own instant: the clock is moved forward to
 * each step and left at `now` afterwards.
 */
export class WitnessTrialSteps {
  constructor(
    private readonly t: TestApp,
    private readonly officer: SignedInUser,
    private readonly now: Date,
  ) {}

  at(instant: string): void {
    this.t.clock.set(new Date(instant));
  }

  async send(method: 'post' | 'put', path: string, body: object, ifMatch?: string): Promise<Record<string, unknown>> {
    const request = this.t.http()[method](`/api/v1${path}`).set('authorization', this.officer.bearer);
    if (ifMatch) request.set('if-match', ifMatch);
    const response = await request.send(body);
    if (response.status >= 300) throw new Error(`${method} ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown>;
  }

  async openCase(journeyId: string, openedAt: string): Promise<void> {
    await this.send('post', `/journeys/${journeyId}/witness-care`, { openedAt, givingEvidence: true });
  }

  async trial(crimeId: string, listedFor: string): Promise<string> {
    const { hearingId } = await aHearing(this.t, this.officer, crimeId, { listedFor: new Date(listedFor) });
    return hearingId;
  }

  async hearing(crimeId: string, listedFor: string, type: 'mention' | 'trial'): Promise<string> {
    const { hearingId } = await aHearing(this.t, this.officer, crimeId, { listedFor: new Date(listedFor), type });
    return hearingId;
  }

  async move(crimeId: string, hearingId: string, listedFor: string): Promise<void> {
    await aHearingMove(this.t, this.officer, crimeId, hearingId, new Date(listedFor));
  }

  async heard(hearingId: string, heardAt: string, effectiveness?: string, effectivenessReason?: string): Promise<void> {
    const [{ version }] = await this.t.dataSource.query(`SELECT version FROM hearings WHERE id = $1`, [hearingId]);
    await this.send('post', `/hearings/${hearingId}/result`, { heardAt, ...(effectiveness ? { effectiveness } : {}), ...(effectivenessReason ? { effectivenessReason } : {}) }, `"${version}"`);
  }

  async warn(journeyId: string, hearingId: string, warnedAt: string): Promise<void> {
    await this.send('post', `/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt, method: 'phone' });
  }

  async attendance(journeyId: string, hearingId: string, outcome: string, reason?: string): Promise<void> {
    await this.send('post', `/journeys/${journeyId}/hearings/${hearingId}/attendance`, { outcome, ...(reason ? { reason } : {}) });
  }

  async specialMeasure(journeyId: string, measure: string, requestedAt: string, decision?: { appliedAt: string; decidedAt: string; refusedFor?: string }): Promise<void> {
    const { id } = await this.send('post', `/journeys/${journeyId}/special-measures`, { measure, requestedAt });
    if (!decision) return;
    await this.send('post', `/journeys/${journeyId}/special-measures/${id}/applied-for`, { at: decision.appliedAt }, '"1"');
    if (decision.refusedFor) await this.send('post', `/journeys/${journeyId}/special-measures/${id}/refused`, { at: decision.decidedAt, reason: decision.refusedFor }, '"2"');
    else await this.send('post', `/journeys/${journeyId}/special-measures/${id}/granted`, { at: decision.decidedAt }, '"2"');
  }

  async visit(journeyId: string, status: 'offered' | 'taken' | 'declined', at: string): Promise<void> {
    const view = await this.t.http().get(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', this.officer.bearer);
    await this.send('post', `/journeys/${journeyId}/witness-care/pre-trial-visit`, { status, at }, `"${view.body.version}"`);
  }

  done(): void {
    this.t.clock.set(this.now);
  }
}

/**
 * Crime A (burglary): a victim with standard rights and an enhanced (intimidated) witness;
 * a not-guilty plea on 2 April (the witness needs assessment falls due).
 * Crime B (violence with injury): one victim, whose lead is the caseworker (so crime B is
 * the caseworker's organisation's). Q1 2026-27 (April-June):
 * - trial 1 (A) heard 20 April, effective; the witness warned, attended;
 * - trial 2 (A) listed 11 May, warned, moved to 18 May (not warned again), cracked: prosecution
 *   witness absent; the witness failed to attend, not warned;
 * - trial 3 (B) heard 20 May, ineffective: defendant unwell; victim B attended, not warned;
 * - trial 4 (B) heard 2 June, ineffective: special measures not in place;
 * - a mention (A) heard 3 June: the witness excused;
 * - trial 5 (B) heard 2 July, effective: outside the quarter;
 * - special measures for the witness: screens (April, granted), live link (May, refused:
 *   facilities unavailable), intermediary (June, outstanding);
 * - pre-trial visits: the witness offered in April and took it; victim A offered in May,
 *   declined; victim B offered in June, no answer yet.
 * `extraEffective` adds effective trials on crime B: that many in May and in June.
 */
export async function aWitnessTrialWorld(t: TestApp, caseworker: SignedInUser, officer: SignedInUser, areaId: string, now: Date, extraEffective = 0): Promise<WitnessTrialWorld> {
  const steps = new WitnessTrialSteps(t, officer, now);
  try {
    steps.at('2026-04-01T09:00:00Z');
    const a = await aCrimeWithTwoJourneys(t, caseworker, areaId, { enhancedWitness: true });
    const b = await aReferredJourney(t, caseworker, areaId, { crime: { offenceCategory: 'violence_with_injury' } });
    const lead = await t.http().put(`/api/v1/journeys/${b.journeyId}/lead`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, b.journeyId)).send({ workerId: caseworker.id });
    if (lead.status !== 200) throw new Error(`lead failed: ${lead.status}`);
    steps.at('2026-04-01T12:00:00Z');
    await aCharge(t, officer, a.crimeId, new Date('2026-04-01T10:00:00Z'));
    await aCharge(t, officer, b.crimeId, new Date('2026-04-01T10:00:00Z'));
    for (const journeyId of [a.witnessJourneyId, a.victimJourneyId, b.journeyId]) await steps.openCase(journeyId, '2026-04-01T11:00:00Z');

    steps.at('2026-04-02T09:00:00Z');
    await aNotGuiltyPlea(t, officer, a.crimeId);
    const trial1 = await steps.trial(a.crimeId, '2026-04-20T09:00:00Z');
    steps.at('2026-04-05T12:00:00Z');
    await steps.specialMeasure(a.witnessJourneyId, 'screens', '2026-04-05T10:00:00Z');
    steps.at('2026-04-06T12:00:00Z');
    await steps.visit(a.witnessJourneyId, 'offered', '2026-04-06T10:00:00Z');
    steps.at('2026-04-10T12:00:00Z');
    await steps.warn(a.witnessJourneyId, trial1, '2026-04-10T10:00:00Z');
    steps.at('2026-04-12T12:00:00Z');
    await steps.visit(a.witnessJourneyId, 'taken', '2026-04-12T10:00:00Z');
    steps.at('2026-04-16T12:00:00Z');
    const screens = await t.dataSource.query(`SELECT id FROM special_measures WHERE journey_id = $1 AND measure = 'screens'`, [a.witnessJourneyId]);
    await steps.send('post', `/journeys/${a.witnessJourneyId}/special-measures/${screens[0].id}/applied-for`, { at: '2026-04-15T10:00:00Z' }, '"1"');
    await steps.send('post', `/journeys/${a.witnessJourneyId}/special-measures/${screens[0].id}/granted`, { at: '2026-04-16T10:00:00Z' }, '"2"');
    steps.at('2026-04-20T16:00:00Z');
    await steps.heard(trial1, '2026-04-20T09:30:00Z', 'effective');
    await steps.attendance(a.witnessJourneyId, trial1, 'attended');

    steps.at('2026-04-25T09:00:00Z');
    const trial2 = await steps.trial(a.crimeId, '2026-05-11T09:00:00Z');
    steps.at('2026-04-26T12:00:00Z');
    await steps.warn(a.witnessJourneyId, trial2, '2026-04-26T10:00:00Z');
    steps.at('2026-05-01T09:00:00Z');
    const trial3 = await steps.trial(b.crimeId, '2026-05-20T09:00:00Z');
    steps.at('2026-05-04T12:00:00Z');
    await steps.specialMeasure(a.witnessJourneyId, 'live_link', '2026-05-02T10:00:00Z', { appliedAt: '2026-05-03T10:00:00Z', decidedAt: '2026-05-04T10:00:00Z', refusedFor: 'facilities_unavailable' });
    steps.at('2026-05-06T12:00:00Z');
    await steps.visit(a.victimJourneyId, 'offered', '2026-05-05T10:00:00Z');
    await steps.visit(a.victimJourneyId, 'declined', '2026-05-06T10:00:00Z');
    await steps.move(a.crimeId, trial2, '2026-05-18T09:00:00Z');
    const extra: string[] = [];
    for (let index = 0; index < extraEffective; index += 1) extra.push(await steps.trial(b.crimeId, '2026-05-12T09:00:00Z'));
    steps.at('2026-05-12T16:00:00Z');
    for (const hearingId of extra) await steps.heard(hearingId, '2026-05-12T10:00:00Z', 'effective');
    steps.at('2026-05-18T16:00:00Z');
    await steps.heard(trial2, '2026-05-18T09:30:00Z', 'cracked', 'prosecution_witness_absent');
    await steps.attendance(a.witnessJourneyId, trial2, 'failed_to_attend', 'not_warned');
    steps.at('2026-05-20T16:00:00Z');
    await steps.heard(trial3, '2026-05-20T09:30:00Z', 'ineffective', 'defendant_unwell');
    await steps.attendance(b.journeyId, trial3, 'attended');

    steps.at('2026-05-21T09:00:00Z');
    const trial4 = await steps.trial(b.crimeId, '2026-06-02T09:00:00Z');
    const mention = await steps.hearing(a.crimeId, '2026-06-03T09:00:00Z', 'mention');
    const june: string[] = [];
    for (let index = 0; index < extraEffective; index += 1) june.push(await steps.trial(b.crimeId, '2026-06-09T09:00:00Z'));
    steps.at('2026-06-01T12:00:00Z');
    await steps.specialMeasure(a.witnessJourneyId, 'intermediary', '2026-06-01T10:00:00Z');
    await steps.visit(b.journeyId, 'offered', '2026-06-01T10:00:00Z');
    steps.at('2026-06-02T16:00:00Z');
    await steps.heard(trial4, '2026-06-02T09:30:00Z', 'ineffective', 'special_measures_not_in_place');
    steps.at('2026-06-03T16:00:00Z');
    await steps.heard(mention, '2026-06-03T09:30:00Z');
    await steps.attendance(a.witnessJourneyId, mention, 'excused');
    steps.at('2026-06-09T16:00:00Z');
    for (const hearingId of june) await steps.heard(hearingId, '2026-06-09T10:00:00Z', 'effective');

    steps.at('2026-06-20T09:00:00Z');
    const trial5 = await steps.trial(b.crimeId, '2026-07-02T09:00:00Z');
    steps.at('2026-07-02T16:00:00Z');
    await steps.heard(trial5, '2026-07-02T09:30:00Z', 'effective');
    return {
      crimeA: a.crimeId,
      crimeB: b.crimeId,
      victimA: a.victimJourneyId,
      witnessA: a.witnessJourneyId,
      victimB: b.journeyId,
      hearingIds: [trial1, trial2, trial3, trial4, mention, trial5, ...extra, ...june],
    };
  } finally {
    steps.done();
  }
}
