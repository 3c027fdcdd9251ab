import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { aDefendant } from '../support/defendant.builder.js';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { aReferredJourney, dutiesByRule } from '../support/journey.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker } from '../support/test-worker.js';

// Thursday 16 April 2026, 10:00 London (BST), clear of Easter.
const NOW = new Date('2026-04-16T09:00:00Z');

function cookieOf(response: Response): string {
  const set = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return set.map((cookie) => cookie.split(';')[0]).join('; ');
}

function csrfOf(response: Response): string {
  return /name="_csrf" value="([^"]+)"/.exec(response.text)![1];
}

const titleOf = (response: Response) => /<title[^>]*>([^<]*)<\/title>/.exec(response.text)?.[1].trim() ?? '';

/**
 * Workspace pages a browser test need not drive: what they show and what they save, over
 * HTTP. The browser tests cover the same pages' look, keyboard use and accessibility.
 */
describe('the workspace pages', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: TestUser;
  let caseworkerApi: SignedInUser;
  let supervisor: TestUser;
  let officer: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.user({ roles: ['caseworker'] });
    caseworkerApi = await fixtures.session(caseworker);
    supervisor = await fixtures.user({ roles: ['supervisor'] });
    officer = await fixtures.signedIn(['witness_care_officer']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const signIn = async (user: TestUser): Promise<string> => {
    const form = await t.http().get('/sign-in');
    const answer = await t.http().post('/sign-in').set('cookie', cookieOf(form)).type('form').send({ _csrf: csrfOf(form), email: user.email, password: user.password });
    expect(answer.status).toBe(303);
    return cookieOf(answer);
  };

  it('sorts the work queue by its column headers, each link keeping the filters, without scripts', async () => {
    await aReferredJourney(t, caseworkerApi, clevelandId);
    const cookie = await signIn(caseworker);
    const page = await t.http().get('/work-queue?view=team&tab=new&stage=referred&enhanced=no&sort=reference').set('cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<th scope="col" class="govuk-table__header" aria-sort="ascending"><a class="govuk-link app-sort-link" href="/work-queue?view=team&amp;tab=new&amp;stage=referred&amp;enhanced=no&amp;sort=reference">Person and reference</a></th>');
    expect(page.text).toContain('<th scope="col" class="govuk-table__header" aria-sort="none"><a class="govuk-link app-sort-link" href="/work-queue?view=team&amp;tab=new&amp;stage=referred&amp;enhanced=no&amp;sort=due">Due</a></th>');
    // Every item is on this one page, so the MoJ sortable table may sort it in the browser too.
    expect(page.text).toContain('data-module="moj-sortable-table"');
  });

  it('asks why before a search by name, and records the reason with the search in the audit log', async () => {
    const journey = await aReferredJourney(t, caseworkerApi, clevelandId);
    const familyName = journey.referral.person.familyName;
    const cookie = await signIn(caseworker);
    const unexplained = await t.http().get('/find').query({ by: 'name', q: familyName, reason: '' }).set('cookie', cookie);
    expect(unexplained.status).toBe(400);
    expect(titleOf(unexplained)).toMatch(/^Error: Find a journey/);
    expect(unexplained.text).toContain('Say why you are searching by name');
    const found = await t.http().get('/find').query({ by: 'name', q: familyName, reason: 'Victim phoned without a reference' }).set('cookie', cookie);
    expect(found.status).toBe(200);
    expect(found.text).toContain(`href="/journeys/${journey.journeyId}"`);
    const searches: Array<{ reason: string; details: { resultIds: string[] } }> = await t.dataSource.query(
      `SELECT reason, details FROM audit_log WHERE action = 'search' AND actor_user_id = $1`, [caseworker.id]);
    expect(searches).toEqual([{ reason: 'Victim phoned without a reference', details: expect.objectContaining({ resultIds: [journey.journeyId] }) }]);
  });

  it("shows the victim's windows beside the duties, and lets a supervisor, only, withdraw a duty recorded in error", async () => {
    const journey = await aReferredJourney(t, caseworkerApi, clevelandId, { crime: { offenceCategory: 'violence_with_injury' } });
    const defendant = await aDefendant(t, { areaId: clevelandId, crimeId: journey.crimeId });
    const verdict = await t.http().post(`/api/v1/crimes/${journey.crimeId}/outcomes`).set('authorization', officer.bearer)
      .send({ defendantId: defendant.id, verdict: 'guilty', verdictAt: '2026-04-15T09:00:00Z', receivedAt: '2026-04-15T12:00:00Z' });
    expect(verdict.status).toBe(201);
    const sentence = await t.http().post(`/api/v1/outcomes/${verdict.body.id}/sentence`).set('authorization', officer.bearer).set('if-match', '"1"')
      .send({ sentencedAt: '2026-04-15T10:00:00Z', receivedAt: '2026-04-15T12:00:00Z', disposal: 'immediate_custody', custodialMonths: 24, offenceViolentOrSexual: true });
    expect(sentence.status).toBe(200);
    const firstContact = (await dutiesByRule(t, caseworkerApi, journey.journeyId))['support.first-contact'];
    const dutiesUrl = `/journeys/${journey.journeyId}/duties`;
    const withdrawalUrl = `${dutiesUrl}/${String(firstContact.id)}/withdrawal`;

    const mine = await signIn(caseworker);
    const seen = await t.http().get(dutiesUrl).set('cookie', mine);
    expect(seen.status).toBe(200);
    expect(seen.text).toContain('Unduly Lenient Sentence scheme');
    expect(seen.text).toContain('<time datetime="2026-05-13T22:59:59.999Z">');
    expect(seen.text).toContain('Never extended');
    expect(seen.text).not.toContain('/withdrawal');
    expect((await t.http().get(withdrawalUrl).set('cookie', mine)).status).toBe(403);

    const theirs = await signIn(supervisor);
    expect((await t.http().get(dutiesUrl).set('cookie', theirs)).text).toContain(`href="${withdrawalUrl}"`);
    const form = await t.http().get(withdrawalUrl).set('cookie', theirs);
    expect(form.status).toBe(200);
    const version = Number(/name="version" value="(\d+)"/.exec(form.text)![1]);
    const post = (body: Record<string, string>) => t.http().post(withdrawalUrl).set('cookie', theirs).type('form').send({ _csrf: csrfOf(form), loadedAt: NOW.toISOString(), ...body });

    const empty = await post({ version: String(version) });
    expect(empty.status).toBe(400);
    expect(titleOf(empty)).toMatch(/^Error: /);
    expect(empty.text).toContain('Select why the duty is withdrawn');
    expect(empty.text).toContain('Enter what happened');
    const stale = await post({ version: String(version - 1), reason: 'recorded_in_error', note: 'Keyed twice' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone else changed this journey');

    const done = await post({ version: String(version), reason: 'recorded_in_error', note: 'Referral keyed twice; the other journey holds it' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(dutiesUrl);
    const [row]: Array<{ status: string; withdrawn_reason: string; withdrawn_by: string; withdrawal_note: string }> = await t.dataSource.query(
      `SELECT status, withdrawn_reason, withdrawn_by, withdrawal_note FROM duties WHERE id = $1`, [firstContact.id]);
    expect(row).toEqual({ status: 'withdrawn', withdrawn_reason: 'recorded_in_error', withdrawn_by: supervisor.id, withdrawal_note: 'Referral keyed twice; the other journey holds it' });
    const audited = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE entity_type = 'duty' AND entity_id = $1 AND actor_user_id = $2`, [firstContact.id, supervisor.id]);
    expect(audited).toHaveLength(1);
  });

  it('takes a CSV file of referrals on its upload page, into the same import as POST /referral-imports, and refuses a wrong first line on the form', async () => {
    const cookie = await signIn(caseworker);
    const form = await t.http().get('/referral-imports/new').set('cookie', cookie);
    expect(form.status).toBe(200);
    const csv =
      'area_code,role,crime_reference,offence_category,reported_at,given_name,family_name,referral_consent\r\n' +
      'cleveland,victim,CLE/26/UPLOAD1,burglary,2026-04-14T10:15:00Z,Una,Uploaded,not_objected\r\n' +
      'cleveland,victim,CLE/26/UPLOAD2,no_such_offence,2026-04-14T10:15:00Z,Vic,Uploaded,not_objected\r\n';
    const upload = (content: string | null, fileName = 'cleveland-upload.csv', url = '/referral-imports/new') => {
      const request = t.http().post(url).set('cookie', cookie).field('_csrf', csrfOf(form)).field('mode', 'import_valid_rows');
      return content === null ? request : request.attach('file', Buffer.from(content), { filename: fileName, contentType: 'text/csv' });
    };

    const taken = await upload(csv);
    expect(taken.status).toBe(303);
    const id = /^\/referral-imports\/([0-9a-f-]{36})$/.exec(String(taken.headers.location))![1];
    const [stored]: Array<{ file_name: string; mode: string; status: string; created_by: string }> = await t.dataSource.query(
      `SELECT file_name, mode, status, created_by FROM referral_imports WHERE id = $1`, [id]);
    expect(stored).toEqual({ file_name: 'cleveland-upload.csv', mode: 'import_valid_rows', status: 'queued', created_by: caseworker.id });
    const detail = await t.http().get(String(taken.headers.location)).set('cookie', cookie);
    expect(detail.text).toContain('File uploaded');
    expect(detail.text).toContain('Import of cleveland-upload.csv');

    // The worker takes it in; the import's page shows the outcome and the bad row's problem.
    const worker = await startTestWorker(t);
    try {
      let page = detail;
      for (let poll = 0; poll < 600 && !page.text.includes('Completed'); poll += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        page = await t.http().get(String(taken.headers.location)).set('cookie', cookie);
      }
      expect(page.text).toContain('Completed');
      expect(page.text).toContain('Problems (1)');
      expect(page.text).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td><td class="govuk-table__cell">offence_category<\/td>/);
      const list = await t.http().get('/referral-imports').set('cookie', cookie);
      expect(list.text).toContain('cleveland-upload.csv');
    } finally {
      await worker.close();
    }

    const wrong = await upload('area_code,nonsense\r\ncleveland,x\r\n');
    expect(wrong.status).toBe(400);
    expect(titleOf(wrong)).toMatch(/^Error: Upload a CSV file of referrals/);
    expect(wrong.text).toContain('nonsense is not a known column');
    expect(wrong.text).toContain('href="#file"');
    const none = await upload(null);
    expect(none.status).toBe(400);
    expect(none.text).toContain('Select a CSV file');
    // Nobody's file is read before they sign in.
    const anonymous = await t.http().post('/referral-imports/new').field('mode', 'all_or_nothing').attach('file', Buffer.from(csv), { filename: 'x.csv', contentType: 'text/csv' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Freferral-imports%2Fnew');
    // No other page takes a file.
    expect((await upload(csv, 'x.csv', '/referrals/new')).status).toBe(415);
  });

  it('signs out a session left unused past the idle timeout, and says why on the sign-in page; "stay signed in" renews it', async () => {
    const cookie = await signIn(caseworker);
    const page = await t.http().get('/account').set('cookie', cookie);
    try {
      t.clock.advance(20 * 60_000);
      expect((await t.http().post('/session/keep-alive').set('cookie', cookie).type('form').send({ _csrf: csrfOf(page) })).status).toBe(204);
      t.clock.advance(20 * 60_000);
      expect((await t.http().get('/work-queue').set('cookie', cookie)).status).toBe(200);

      t.clock.advance(31 * 60_000);
      const ended = await t.http().get('/work-queue').set('cookie', cookie);
      expect(ended.status).toBe(302);
      expect(ended.headers.location).toBe('/sign-in?returnTo=%2Fwork-queue');
      const signInPage = await t.http().get('/sign-in?returnTo=%2Fwork-queue').set('cookie', cookieOf(ended));
      expect(signInPage.text).toContain('You were signed out after 30 minutes without activity');
      expect((await t.http().get('/work-queue').set('cookie', cookie)).status).toBe(302);
      // The warning's script sends the browser here when its own count runs out.
      expect((await t.http().get('/sign-in?timedOut=1').set('cookie', cookieOf(ended))).text).toContain('You were signed out after 30 minutes without activity');
    } finally {
      t.clock.set(NOW);
    }
  });
});
