import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { aCrimeWithTwoJourneys, type CrimeOnTrial } from '../court/court-helpers.js';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { aCharge } from '../support/hearing.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function cookieOf(response: Response): string {
  return ([] as string[]).concat(response.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]).join('; ');
}

function hidden(response: Response, name: string): string {
  const found = new RegExp(`name="${name}" value="([^"]*)"`).exec(response.text);
  if (!found) throw new Error(`no ${name} on ${response.status}: ${response.text.slice(0, 300)}`);
  return found[1];
}

/** The London date and time inputs of a form, as a person types them. */
function typed(name: string, at: Date): Record<string, string> {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year, [`${name}-time`]: `${parts.hour}:${parts.minute}` };
}

/**
 * The witness care officer's case page over HTTP, without a browser (test/web/witness-case.pw.ts
 * walks the main journey in one): its sections, its forms' GOV.UK error summaries from the API's
 * own validation, stale versions refused with what changed, and the follow-up a failure to
 * attend puts on the court week.
 */
describe('the witness care officer’s case page', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let officer: TestUser;
  let officerApi: SignedInUser;
  let caseworker: SignedInUser;
  let session: string;

  beforeAll(async () => {
    t = await startTestApp();
    fixtures = new Fixtures(t);
    officer = await fixtures.user({ roles: ['witness_care_officer'], areas: ['cleveland'] });
    officerApi = await fixtures.session(officer);
    caseworker = await fixtures.signedIn(['caseworker']);
    session = await signIn(officer);
  });
  afterAll(() => t.close());

  const signIn = async (user: TestUser): Promise<string> => {
    const form = await t.http().get('/sign-in');
    const answer = await t.http().post('/sign-in').set('cookie', cookieOf(form)).type('form').send({ _csrf: hidden(form, '_csrf'), email: user.email, password: user.password });
    expect(answer.status).toBe(303);
    return cookieOf(answer);
  };
  const get = (path: string, cookie = session) => t.http().get(path).set('cookie', cookie);
  /** Opens the form (or takes one), then sends it with its hidden fields (CSRF, version, when it was opened) and the answers. */
  const submit = async (path: string, answers: Record<string, string>, opened?: Response) => {
    // A form given is one the page answered (200, or back with errors or stale); else the form is opened now.
    const form = opened ?? (await get(path));
    if (!opened) expect(form.status).toBe(200);
    // What the form holds already: hidden fields and the inputs it filled in (dates and times default to now).
    const carried: Record<string, string> = {};
    for (const [input] of form.text.matchAll(/<input\b[^>]*>/g)) {
      if (/type="(radio|checkbox)"/.test(input)) continue;
      const name = /\bname="([^"]+)"/.exec(input)?.[1];
      const value = /\bvalue="([^"]*)"/.exec(input)?.[1];
      if (name && value !== undefined && !(name in carried)) carried[name] = value;
    }
    return t.http().post(path).set('cookie', session).type('form').send({ ...carried, ...answers });
  };

  /** A crime charged, both journeys with a witness care case, and a trial listed three days ahead through the API. */
  const aCaseWithATrial = async (): Promise<CrimeOnTrial & { hearingId: string }> => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, await fixtures.areaId('cleveland'), { enhancedWitness: true });
    const now = t.clock.now();
    await aCharge(t, officerApi, crime.crimeId, new Date(now.getTime() - 3_600_000));
    for (const journeyId of [crime.victimJourneyId, crime.witnessJourneyId]) {
      const opened = await t.http().post(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', officerApi.bearer)
        .send({ openedAt: new Date(now.getTime() - 3_000_000).toISOString(), givingEvidence: true });
      expect(opened.status).toBe(201);
    }
    const [court]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM courts WHERE area_id = $1 ORDER BY code LIMIT 1`, [crime.areaId]);
    const listed = await t.http().post(`/api/v1/crimes/${crime.crimeId}/hearings`).set('authorization', officerApi.bearer).send({
      type: 'trial',
      courtId: court.id,
      listedFor: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      defendantIds: [crime.defendant.id],
      receivedAt: new Date(now.getTime() - 60_000).toISOString(),
    });
    expect(listed.status).toBe(201);
    return { ...crime, hearingId: listed.body.id };
  };

  it('shows every section of the case to a witness care officer, from the court week, and none to a caseworker', async () => {
    const trial = await aCaseWithATrial();
    const redirect = await get(`/case-of-journey/${trial.witnessJourneyId}?section=attendance`);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toBe(`/cases/${trial.crimeId}/attendance`);
    for (const section of ['', '/witnesses', '/warnings', '/special-measures', '/needs', '/attendance', '/outcome', '/windows', '/timeline']) {
      const page = await get(`/cases/${trial.crimeId}${section}`);
      expect([section, page.status]).toEqual([section, 200]);
      expect(page.text).toContain('aria-label="Case sections"');
    }
    const hearings = await get(`/cases/${trial.crimeId}`);
    expect(hearings.text).toContain('Who is told of listing 1');
    // The enhanced witness's 1-working-day news is marked; the standard victim's is not.
    expect(hearings.text.match(/Enhanced: 1 working day/g)).toHaveLength(1);
    const caseworkerSession = await signIn(await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] }));
    expect((await get(`/cases/${trial.crimeId}`, caseworkerSession)).status).toBe(403);
  });

  it('moves a hearing to a new version with what changed, refuses one without a time, and refuses a stale one with what changed meanwhile', async () => {
    const trial = await aCaseWithATrial();
    const path = `/cases/${trial.crimeId}/hearings/${trial.hearingId}/move`;
    const newTime = new Date(t.clock.now().getTime() + 5 * 86_400_000);
    const missing = await submit(path, { ...typed('listedFor', newTime), 'listedFor-time': '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<title>Error: Record a hearing change');
    expect(missing.text).toContain('href="#listedFor-time"');

    const stale = await get(path);
    const moved = await submit(path, typed('listedFor', newTime));
    expect(moved.status).toBe(303);
    const hearings = await get(`/cases/${trial.crimeId}`);
    expect(hearings.text).toContain('Who is told of listing 2');
    expect(hearings.text).toMatch(/Date and time from .* to .*/);

    const again = await submit(path, typed('listedFor', new Date(newTime.getTime() + 86_400_000)), stale);
    expect(again.status).toBe(409);
    expect(again.text).toContain('Someone else changed this record');
    expect(again.text).toContain('Listing 2: Moved');
    const [row] = await t.dataSource.query(`SELECT listing_version FROM hearings WHERE id = $1`, [trial.hearingId]);
    expect(row.listing_version).toBe(2);
  });

  it('refuses to record a witness told of a listing the court has since moved, showing the move', async () => {
    const trial = await aCaseWithATrial();
    const path = `/cases/${trial.crimeId}/hearings/${trial.hearingId}/told/${trial.witnessJourneyId}`;
    const opened = await get(path);
    const unchosen = await submit(path, {}, opened);
    expect(unchosen.status).toBe(400);
    expect(unchosen.text).toContain('Select how they were told');
    // The court's move is recorded a minute after the form was opened.
    t.clock.advance(60_000);
    const hearing = await t.http().get(`/api/v1/hearings/${trial.hearingId}`).set('authorization', officerApi.bearer);
    const moved = await t.http().post(`/api/v1/hearings/${trial.hearingId}/move`).set('authorization', officerApi.bearer).set('if-match', String(hearing.headers.etag))
      .send({ listedFor: new Date(t.clock.now().getTime() + 6 * 86_400_000).toISOString(), receivedAt: t.clock.now().toISOString() });
    expect(moved.status).toBe(200);
    const stale = await submit(path, { method: 'phone' }, opened);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Hearing moved');
    const [told] = await t.dataSource.query(`SELECT count(*)::int AS n FROM court_informings WHERE journey_id = $1`, [trial.witnessJourneyId]);
    expect(told.n).toBe(0);
    // Sent again from the form as it came back: told of listing 2.
    expect((await submit(path, { method: 'phone' }, stale)).status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT hearing_version FROM court_informings WHERE journey_id = $1`, [trial.witnessJourneyId]);
    expect(row.hearing_version).toBe(2);
  });

  it('records a warning, and a trial cracked with the courts’ reason code (which must explain it)', async () => {
    const trial = await aCaseWithATrial();
    const warning = `/cases/${trial.crimeId}/hearings/${trial.hearingId}/warning/${trial.victimJourneyId}`;
    expect((await submit(warning, {})).text).toContain('Select how the witness was warned');
    expect((await submit(warning, { method: 'letter' })).status).toBe(303);
    expect((await get(`/cases/${trial.crimeId}/warnings`)).text).toMatch(/Warned .* \(letter\)/);

    const result = `/cases/${trial.crimeId}/hearings/${trial.hearingId}/result`;
    const noReason = await submit(result, { effectiveness: 'cracked' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('href="#effectivenessReason"');
    expect(noReason.text).toContain('Effectiveness reason is required for a cracked trial');
    const wrongReason = await submit(result, { effectiveness: 'cracked', effectivenessReason: 'no_court_time' }, noReason);
    expect(wrongReason.text).toContain('Effectiveness reason does not explain a cracked trial');
    expect((await submit(result, { effectiveness: 'cracked', effectivenessReason: 'prosecution_witness_withdrew' }, wrongReason)).status).toBe(303);
    expect((await get(`/cases/${trial.crimeId}`)).text).toContain('Cracked: prosecution witness withdrew');
  });

  it('records a failure to attend, which the court week counts on its follow-up tab until it is resolved', async () => {
    const trial = await aCaseWithATrial();
    const attendance = `/cases/${trial.crimeId}/hearings/${trial.hearingId}/attendance/${trial.witnessJourneyId}`;
    const noReason = await submit(attendance, { outcome: 'failed_to_attend' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Select why the witness did not attend');
    expect((await submit(attendance, { outcome: 'failed_to_attend', reason: 'intimidation' }, noReason)).status).toBe(303);
    const followUps = await get('/court-week?view=team&tab=follow-ups');
    expect(followUps.text).toMatch(/Failed to attend \(\d+\)/);
    expect(followUps.text).toContain('Follow up: intimidation');
    expect(followUps.text).toContain(`/case-of-journey/${trial.witnessJourneyId}?section=attendance`);

    const resolve = `/cases/${trial.crimeId}/hearings/${trial.hearingId}/follow-up/${trial.witnessJourneyId}`;
    expect((await submit(resolve, { note: 'support_arranged' })).status).toBe(303);
    expect((await get(`/cases/${trial.crimeId}/attendance`)).text).toMatch(/Followed up .*: support arranged/);
    expect((await get('/court-week?view=team&tab=follow-ups')).text).not.toContain(`/case-of-journey/${trial.witnessJourneyId}`);
  });

  it('requests a special measure and takes it through the CPS application to the court’s refusal, with a reason', async () => {
    const trial = await aCaseWithATrial();
    expect((await submit(`/cases/${trial.crimeId}/special-measures/new/${trial.witnessJourneyId}`, { measure: 'screens', hearingId: trial.hearingId })).status).toBe(303);
    const [measure] = await t.dataSource.query(`SELECT id FROM special_measures WHERE journey_id = $1`, [trial.witnessJourneyId]);
    const step = `/cases/${trial.crimeId}/special-measures/${measure.id}/step/${trial.witnessJourneyId}`;
    expect((await submit(step, {})).status).toBe(303);
    const noReason = await submit(step, { decision: 'refused' });
    expect(noReason.text).toContain('Select why the court refused the measure');
    expect((await submit(step, { decision: 'refused', reason: 'facilities_unavailable' }, noReason)).status).toBe(303);
    const page = await get(`/cases/${trial.crimeId}/special-measures`);
    expect(page.text).toContain('Refused');
    expect(page.text).toContain('(facilities unavailable)');
  });
});
