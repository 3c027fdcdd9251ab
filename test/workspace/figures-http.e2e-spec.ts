import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { personalDataIn, personalDataOf } from '../reports/personal-data-scan.js';
import { aJourneyStory, scores } from '../reports/report-journey.builder.js';

// Monday 15 June 2026, 11:00 London: the current quarter is April to June (2026-27 Q1).
const NOW = new Date('2026-06-15T10:00:00Z');

function cookieOf(response: Response): string {
  return ([] as string[]).concat(response.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]).join('; ');
}

function csrfOf(response: Response): string {
  return /name="_csrf" value="([^"]+)"/.exec(response.text)![1];
}

/** The hrefs of the page's links, its own navigation and sub-navigation included. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/href="([^"#]+)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
}

/**
 * The commissioner's figures pages over HTTP, on journeys like the demo's: every page a
 * commissioner can reach renders, carries no personal data (the reports' own personal-data
 * scan, on the HTML), keeps its filters in the URL and stays in the commissioner's areas.
 */
describe('the commissioner’s figures pages', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let commissioner: TestUser;
  let admin: TestUser;
  let durhamId: string;
  let clevelandId: string;
  let cookie: string;
  let forbidden: string[];

  const signIn = async (user: TestUser): Promise<string> => {
    const form = await t.http().get('/sign-in');
    const answer = await t.http().post('/sign-in').set('cookie', cookieOf(form)).type('form').send({ _csrf: csrfOf(form), email: user.email, password: user.password });
    expect(answer.status).toBe(303);
    return cookieOf(answer);
  };
  const page = (path: string, as = cookie) => t.http().get(path).set('cookie', as);

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    commissioner = await fixtures.user({ roles: ['commissioner'], areas: ['cleveland'] });
    admin = await fixtures.user({ roles: ['admin'], areas: [] });
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
    const familyNames: string[] = [];
    const references: string[] = [];
    const stories = [
      ...Array.from({ length: 6 }, (_, index) => ({ referredAt: `2026-04-${String(7 + index).padStart(2, '0')}T08:00:00Z`, contactedAt: `2026-04-${String(8 + index).padStart(2, '0')}T12:00:00Z`, assessedAt: '2026-04-21T09:00:00Z', startScore: scores(2), closedAt: '2026-05-20T09:00:00Z', endScore: scores(4), satisfaction: 8 })),
      ...Array.from({ length: 3 }, () => ({ referredAt: '2026-05-12T08:00:00Z' })),
      { referredAt: '2026-06-10T08:00:00Z', role: 'witness' as const, offenceCategory: 'violence_with_injury', enhanced: ['vulnerable'] },
    ];
    for (const story of stories) {
      const built = await aJourneyStory(t, caseworker, clevelandId, story);
      references.push(built.reference);
      familyNames.push((await t.dataSource.query(`SELECT family_name FROM people WHERE id = $1`, [built.personId]))[0].family_name);
    }
    forbidden = await personalDataOf(t, { familyNames, references });
    cookie = await signIn(commissioner);
  }, 180_000);
  afterAll(() => t.close());

  it('starts a commissioner on the figures and shows them in the navigation', async () => {
    const home = await page('/');
    expect(home.headers.location).toBe('/figures');
    const figures = await page('/figures');
    expect(figures.status).toBe(200);
    expect(figures.text).toContain('href="/figures" aria-current="page">Figures</a>');
  });

  it('renders every page a commissioner can reach with no name, date of birth, reference or free text', async () => {
    const seen = new Set<string>();
    const queue = ['/figures', '/figures?period=2026-05&role=victim&rights=standard', '/figures?period=2026-27-Q1&offence=burglary&rule=support.first-contact', '/account'];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const answer = await page(path);
      expect([path, answer.status]).toEqual([path, 200]);
      expect([path, personalDataIn(answer, forbidden)]).toEqual([path, []]);
      if (!answer.headers['content-type'].startsWith('text/html')) continue;
      // No way from these pages to a record about a person.
      expect([path, answer.text.includes('/journeys/')]).toEqual([path, false]);
      for (const link of linksOf(answer.text)) {
        if ((link.startsWith('/figures') || link === '/account') && !seen.has(link)) queue.push(link);
      }
    }
    // Every figures page, each download, and the trends CSV were reached from the links.
    for (const path of ['/figures/outcomes', '/figures/witness-and-trial', '/figures/rights-offered', '/figures/quarterly-return']) {
      expect([...seen].some((link) => link.startsWith(path))).toBe(true);
    }
    expect([...seen].some((link) => link.includes('format=xlsx'))).toBe(true);
    expect([...seen].some((link) => link.startsWith('/figures/trends.csv'))).toBe(true);
  });

  it('draws each chart as SVG beside a table of the same figures, marking what is not shown the same way', async () => {
    const answer = await page('/figures?period=2026-27-Q1');
    const html = answer.text;
    const charts = [...html.matchAll(/<svg [^>]*role="img" aria-labelledby="([^" ]+) ([^"]+)"/g)];
    // The trend always; the worst rules only when some rule has a % on time shown.
    expect(charts.length).toBeGreaterThanOrEqual(1);
    for (const [, title, desc] of charts) {
      expect(html).toContain(`<title id="${title}">`);
      expect(html).toContain(`<desc id="${desc}">`);
    }
    expect(html).toMatch(/On time (rose|fell|stayed|was)|On time: no figure is shown/);
    // Every table has a caption and scoped headings.
    const tables = html.split('<table').slice(1);
    for (const table of tables) {
      expect(table).toContain('<caption');
      expect(table).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/);
    }
    // Counts are protected and percentages over fewer than 10 are not shown: "n/s" in the chart and the table, explained once.
    expect(html).toContain('a count under 5 shows as 0');
    expect(html).toContain('n/s: a percentage, mean or median not shown because fewer than 10 records lie behind it');
  });

  it('downloads the quarterly return as CSV and as XLSX with numbers as numbers', async () => {
    const csv = await page('/figures/quarterly-return/download?period=2026-27-Q1&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toContain('area_code');
    const xlsx = await page('/figures/quarterly-return/download?period=2026-27-Q1&format=xlsx')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    // ExcelJS types its Buffer apart from Node's newer generic one.
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Quarterly return')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[header.indexOf('area_code')]).toBe('cleveland');
    expect(typeof row[header.indexOf('referrals_received')]).toBe('number');
    expect(personalDataIn({ text: JSON.stringify(header.concat(row)), headers: {} }, forbidden)).toEqual([]);
  });

  it('keeps a commissioner to their own areas and answers a filter not on offer with the form again', async () => {
    const other = await page(`/figures?area=${durhamId}`);
    expect(other.status).toBe(404);
    const denied = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [commissioner.id, durhamId]);
    expect(denied[0].n).toBeGreaterThan(0);
    const bad = await page('/figures?offence=not-an-offence');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('href="#offence"');
    const caseworkerCookie = await signIn(await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] }));
    expect((await page('/figures', caseworkerCookie)).status).toBe(403);
  });

  it('filters the compliance page to the organisation that owed the duties, held in the URL, and tables the duties by organisation', async () => {
    // Cleveland's directory names its victim care service (the caseworkers' organisation) and no police force.
    const directoryAdmin = await fixtures.signedIn(['admin'], ['cleveland']);
    const named = await t.http().post('/api/v1/organisation-directory').set('authorization', directoryAdmin.bearer)
      .send({ areaId: clevelandId, ownerKind: 'victim_care_service', organisationId: caseworker.organisationId });
    expect(named.status).toBe(201);
    const [{ name }] = await t.dataSource.query(`SELECT name FROM organisations WHERE id = $1`, [caseworker.organisationId]);

    const all = await page('/figures?period=2026-27-Q1');
    expect(all.text).toContain('<select class="govuk-select govuk-!-width-full" id="organisation" name="organisation"');
    expect(all.text).toContain(`<option value="${caseworker.organisationId}">${name} (Victim care service)</option>`);
    expect(all.text).toMatch(/<caption[^>]*>Duties due from 1 April 2026 to 30 June 2026, by the organisation that owed them<\/caption>/);
    expect(all.text).toContain(`<th scope="row" class="govuk-table__header">${name}</th>`);
    // The police duties: no entry names a force for Cleveland, so they are counted apart.
    expect(all.text).toContain('<th scope="row" class="govuk-table__header">Not named in the directory</th>');

    const filtered = await page(`/figures?period=2026-27-Q1&organisation=${caseworker.organisationId}`);
    expect(filtered.status).toBe(200);
    expect(filtered.text).toContain(`<option value="${caseworker.organisationId}" selected>`);
    expect(personalDataIn(filtered, forbidden)).toEqual([]);
    // The filter travels to the other pages and the trends download, which say whether they apply it.
    expect(linksOf(filtered.text)).toContain(`/figures/trends.csv?period=2026-27-Q1&organisation=${caseworker.organisationId}`);
    const trends = await page(`/figures/trends.csv?period=2026-27-Q1&organisation=${caseworker.organisationId}`);
    expect(trends.status).toBe(200);
    const [header, ...lines] = trends.text.trim().split('\r\n');
    const owners = lines.map((line) => line.split(',')[header.split(',').indexOf('owner')]).filter(Boolean);
    expect(new Set(owners)).toEqual(new Set(['victim_care_service']));
    const outcomes = await page(`/figures/outcomes?period=2026-27-Q1&organisation=${caseworker.organisationId}`);
    expect(outcomes.text).toContain('The organisation filter applies to the compliance page only.');

    // An organisation not on offer is the form again, with the error summary pointing at the select.
    const other = await page('/figures?period=2026-27-Q1&organisation=00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(400);
    expect(other.text).toContain('govuk-error-summary');
    expect(other.text).toContain('href="#organisation"');
    expect(other.text).toContain('Choose an organisation from the list');
  });

  it('lets an admin set a target that the dashboard then shows beside the rule', async () => {
    const adminCookie = await signIn(admin);
    const form = await page(`/admin/targets?area=${clevelandId}`, adminCookie);
    expect(form.status).toBe(200);
    const bad = await t.http().post('/admin/targets').set('cookie', adminCookie).type('form')
      .send({ _csrf: csrfOf(form), area: clevelandId, 'target:support.first-contact': '101' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#target-support-first-contact"');
    const saved = await t.http().post('/admin/targets').set('cookie', adminCookie).type('form')
      .send({ _csrf: csrfOf(form), area: clevelandId, 'target:support.first-contact': '85', 'version:support.first-contact': '' });
    expect(saved.status).toBe(303);
    const dashboard = await page('/figures?period=2026-27-Q1&rule=support.first-contact');
    expect(dashboard.text).toContain('Target 85%');
    const trends = await page('/figures/trends.csv?period=2026-27-Q1');
    const [header, ...lines] = trends.text.trim().split('\r\n');
    const columns = header.split(',');
    const firstContact = lines.map((line) => line.split(',')).find((cells) => cells[columns.indexOf('rule_id')] === 'support.first-contact')!;
    expect(firstContact[columns.indexOf('target_percent')]).toBe('85');
  });
});
