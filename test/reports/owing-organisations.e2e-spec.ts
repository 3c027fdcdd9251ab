import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NEVER_OWED_REASONS } from '../../libs/victims-code/src/index.js';
import { COMPLIANCE_CSV_COLUMNS } from '../../src/reports/report-csv.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { ReportRollups } from '../../src/reports/rollups/report-rollups.service.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { actorOf, aJourneyStory, scores } from './report-journey.builder.js';

// Monday 15 June 2026, 11:00 London.
const NOW = new Date('2026-06-15T10:00:00Z');
const QUARTER = { from: '2026-04-01', to: '2026-06-30' };

interface Statuses {
  due: number;
  met: number;
  metLate: number;
  breached: number;
  open: number;
  withdrawn: number;
}

interface OrganisationRowBody extends Statuses {
  organisationId: string | null;
  organisationName: string;
  organisationKind: string | null;
  owners: string[];
  rules?: Array<Statuses & { ruleId: string; owner: string }>;
}

const statusesOf = (row: Statuses): Statuses => ({ due: row.due, met: row.met, metLate: row.metLate, breached: row.breached, open: row.open, withdrawn: row.withdrawn });

/**
 * Issue 21 part 3: every duty resolves to the organisation that owed it, through the
 * organisations directory of its area, and the compliance report breaks down and filters by
 * it. Cleveland's directory names its police force and its victim care service; Durham's
 * names its own force and no victim care service, so Durham's victim care duties are
 * counted apart ("not named in the directory"), never dropped. Figures are compared, exact
 * (disclosure control off), with SQL over the duties themselves.
 */
describe('commissioners’ reports: by the organisation that owed the duties', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let commissioner: SignedInUser;
  let clevelandCommissioner: SignedInUser;
  let admin: SignedInUser;
  let caseworker: SignedInUser;
  let clevelandId: string;
  let durhamId: string;
  let clevelandPolice: string;
  let durhamPolice: string;
  let victimCare: string;

  const get = (path: string, query: Record<string, string> = {}, user: SignedInUser = commissioner) =>
    t.http().get(`/api/v1/reports/${path}`).query(query).set('authorization', user.bearer);

  /** The duties due in the quarter by the organisation the directory names for their (area, owner), as at NOW; null: not named. */
  const truthByOrganisation = async (): Promise<Map<string | null, Statuses>> => {
    const rows: Array<{ organisation_id: string | null; due: number; met: number; met_late: number; breached: number; open: number; withdrawn: number }> = await t.dataSource.query(
      `SELECT e.organisation_id,
              count(*)::int AS due,
              count(*) FILTER (WHERE d.status = 'met')::int AS met,
              count(*) FILTER (WHERE d.status = 'met_late')::int AS met_late,
              count(*) FILTER (WHERE d.status IN ('open', 'breached') AND d.due_at < $3)::int AS breached,
              count(*) FILTER (WHERE d.status IN ('open', 'breached') AND d.due_at >= $3)::int AS open,
              count(*) FILTER (WHERE d.status = 'withdrawn')::int AS withdrawn
         FROM duties d
         LEFT JOIN organisation_directory e ON e.area_id = d.area_id AND e.owner_kind = d.owner
        WHERE (d.due_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date
          AND NOT (d.status = 'withdrawn' AND d.withdrawn_reason = ANY($4::text[]))
        GROUP BY e.organisation_id`,
      [QUARTER.from, QUARTER.to, NOW, [...NEVER_OWED_REASONS]],
    );
    return new Map(rows.map((row) => [row.organisation_id, { due: row.due, met: row.met, metLate: row.met_late, breached: row.breached, open: row.open, withdrawn: row.withdrawn }]));
  };

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORTS_DISCLOSURE_CONTROL: 'none' } });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    const durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland', 'durham']);
    clevelandCommissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
    admin = await fixtures.signedIn(['admin'], ['cleveland', 'durham']);
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
    victimCare = caseworker.organisationId;
    clevelandPolice = await fixtures.organisationId('police_force');
    [{ id: durhamPolice }] = await t.dataSource.query(`INSERT INTO organisations (name, kind) VALUES ('Test Durham force', 'police_force') RETURNING id`);

    // Each area's directory, as an admin keeps it: Durham names no victim care service.
    for (const [areaId, ownerKind, organisationId] of [
      [clevelandId, 'police', clevelandPolice],
      [clevelandId, 'victim_care_service', victimCare],
      [durhamId, 'police', durhamPolice],
    ]) {
      const created = await t.http().post('/api/v1/organisation-directory').set('authorization', admin.bearer).send({ areaId, ownerKind, organisationId });
      expect(created.status).toBe(201);
    }

    // Cleveland: on time, first contact late, and one still owed past its deadline (breached).
    await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-04-14T08:00:00Z', reportedAt: '2026-04-13T08:00:00Z', lead: true, contactedAt: '2026-04-15T09:00:00Z', assessedAt: '2026-04-17T09:00:00Z', startScore: scores(2),
    });
    await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-04-21T08:00:00Z', reportedAt: '2026-04-20T08:00:00Z', lead: true, enhanced: ['vulnerable'], contactedAt: '2026-04-24T09:00:00Z',
    });
    await aJourneyStory(t, caseworker, clevelandId, { referredAt: '2026-05-18T08:00:00Z', reportedAt: '2026-05-11T08:00:00Z', consent: 'given' });
    // Durham: no lead organisation (its directory names no victim care service), so the lead filter never reaches these.
    await aJourneyStory(t, durhamCaseworker, durhamId, { referredAt: '2026-05-06T08:00:00Z', reportedAt: '2026-05-01T08:00:00Z', consent: 'given' });
    await aJourneyStory(t, durhamCaseworker, durhamId, { referredAt: '2026-06-12T08:00:00Z', reportedAt: '2026-06-11T08:00:00Z' });
  }, 180_000);
  afterAll(() => t.close());

  it('gives every duty to the organisation the directory names for its area and owner, and the rest to an explicit unnamed row', async () => {
    const response = await get('code-compliance', QUARTER);
    expect(response.status).toBe(200);
    const truth = await truthByOrganisation();
    // The test means something: the three named organisations and the unnamed duties all have duties.
    expect([...truth.keys()].sort()).toEqual([clevelandPolice, durhamPolice, victimCare, null].sort());

    const organisations: OrganisationRowBody[] = response.body.whole.organisations;
    expect(new Map(organisations.map((row) => [row.organisationId, statusesOf(row)]))).toEqual(truth);
    // Named ones by name, then the unnamed, which says so.
    expect(organisations.at(-1)).toEqual(expect.objectContaining({ organisationId: null, organisationName: 'Not named in the directory', organisationKind: null }));
    expect(organisations.at(-1)!.owners).toContain('victim_care_service');
    expect(organisations.find((row) => row.organisationId === durhamPolice)).toEqual(expect.objectContaining({ organisationName: 'Test Durham force', organisationKind: 'police_force', owners: ['police'] }));

    // Every duty in exactly one row: the rows add up to the total, in each month and the whole period.
    for (const period of [...response.body.periods, response.body.whole]) {
      const rows: OrganisationRowBody[] = period.organisations;
      for (const column of ['due', 'met', 'metLate', 'breached', 'open', 'withdrawn'] as const) {
        expect([period.label, column, rows.reduce((sum, row) => sum + row[column], 0)]).toEqual([period.label, column, period.total[column]]);
      }
      expect(rows.every((row) => row.rules === undefined) || period.label === 'all').toBe(true);
    }
    // The whole period names each organisation's rules.
    const victimCareRow = organisations.find((row) => row.organisationId === victimCare)!;
    expect(victimCareRow.rules!.every((rule) => rule.owner === 'victim_care_service')).toBe(true);
    expect(victimCareRow.rules!.reduce((sum, rule) => sum + rule.due, 0)).toBe(victimCareRow.due);
  });

  it('filters to the duties one organisation owes, across every area that names it, and keeps the lead-organisation filter as it was', async () => {
    const truth = await truthByOrganisation();
    for (const organisation of [clevelandPolice, durhamPolice, victimCare]) {
      const response = await get('code-compliance', { ...QUARTER, owingOrganisationId: organisation });
      expect(response.status).toBe(200);
      expect(statusesOf(response.body.whole.total)).toEqual(truth.get(organisation));
      expect(response.body.filters).toEqual(expect.objectContaining({ owingOrganisationId: organisation, organisationId: null }));
      const named = response.body.whole.organisations.filter((row: OrganisationRowBody) => row.due > 0);
      expect(named.map((row: OrganisationRowBody) => row.organisationId)).toEqual([organisation]);
    }
    // The lead organisation means what it meant: journeys led by the victim care service, whoever owes their duties.
    const [lead] = await t.dataSource.query(
      `SELECT count(*)::int AS due FROM duties d JOIN journeys j ON j.id = d.journey_id
        WHERE j.lead_organisation_id = $1 AND (d.due_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
          AND NOT (d.status = 'withdrawn' AND d.withdrawn_reason = ANY($4::text[]))`,
      [victimCare, QUARTER.from, QUARTER.to, [...NEVER_OWED_REASONS]],
    );
    const byLead = await get('code-compliance', { ...QUARTER, organisationId: victimCare });
    expect(byLead.body.whole.total.due).toBe(lead.due);
    // Durham's duties have no lead organisation: outside the lead filter, inside their force's.
    const durham = await get('code-compliance', { ...QUARTER, areaId: durhamId, organisationId: victimCare });
    expect(durham.body.whole.total.due).toBe(0);
    expect((await get('code-compliance', { ...QUARTER, areaId: durhamId, owingOrganisationId: durhamPolice })).body.whole.total.due).toBe(truth.get(durhamPolice)!.due);
    // Both together: the police duties of the journeys the victim care service leads.
    const both = await get('code-compliance', { ...QUARTER, organisationId: victimCare, owingOrganisationId: clevelandPolice });
    expect(both.status).toBe(200);
    expect(both.body.whole.rules.map((rule: { owner: string }) => rule.owner)).toEqual(expect.arrayContaining(['police']));
    expect(both.body.whole.rules.every((rule: { owner: string }) => rule.owner === 'police')).toBe(true);
  });

  it('refuses an organisation the caller’s areas do not name, or no uuid at all, naming the field', async () => {
    const bad = async (query: Record<string, string>, user: SignedInUser = commissioner) => {
      const problem = expectProblem(await get('code-compliance', { ...QUARTER, ...query }, user), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toEqual(['owingOrganisationId']);
    };
    await bad({ owingOrganisationId: 'not-a-uuid' });
    await bad({ owingOrganisationId: '00000000-0000-4000-8000-000000000000' });
    // Durham's force to a commissioner of Cleveland alone, or to anyone asking about Cleveland only.
    await bad({ owingOrganisationId: durhamPolice }, clevelandCommissioner);
    await bad({ owingOrganisationId: durhamPolice, areaId: clevelandId });
    // An organisation that exists but that no directory names.
    const [{ id: unnamed }] = await t.dataSource.query(`INSERT INTO organisations (name, kind) VALUES ('Test unnamed CPS', 'cps') RETURNING id`);
    await bad({ owingOrganisationId: unnamed });
    const trends = expectProblem(await get('trends', { from: '2026-04-01', to: '2026-06-30', owingOrganisationId: durhamPolice }, clevelandCommissioner), 400, 'VALIDATION_FAILED');
    expect(fieldsOf(trends)).toEqual(['owingOrganisationId']);
  });

  it('answers the breakdown and the filter from the rollups with exactly the plain query’s figures', async () => {
    await t.app.get(ReportRollups).refresh();
    const reports = t.app.get(ReportsService);
    const actor = actorOf(commissioner);
    for (const query of [
      { ...QUARTER, groupBy: 'month' as const },
      { ...QUARTER, groupBy: 'month' as const, owingOrganisationId: victimCare },
      { ...QUARTER, groupBy: 'quarter' as const, owingOrganisationId: durhamPolice, enhanced: false },
      { from: '2026-04-16', to: '2026-06-30', groupBy: 'month' as const, owingOrganisationId: clevelandPolice },
    ]) {
      const { source: fromRollups, ...rolledUp } = await reports.codeCompliance(actor, query, 'json', 'rollup');
      const { source: live, ...fromTables } = await reports.codeCompliance(actor, query, 'json', 'live');
      expect([fromRollups, live]).toEqual(['rollup', 'live']);
      expect(rolledUp).toEqual(fromTables);
    }
  });

  it('names the worst rules of each organisation in the trends, beside those of each kind of owner', async () => {
    const response = await get('trends', { from: '2026-04-01', to: '2026-06-30' });
    expect(response.status).toBe(200);
    const byOrganisation: Array<{ organisationId: string | null; organisationName: string; rules: Array<{ ruleId: string; owner: string; onTimePercent: number }> }> = response.body.worstByOrganisation;
    expect(byOrganisation.map((row) => row.organisationId)).toEqual(expect.arrayContaining([clevelandPolice, durhamPolice, victimCare, null]));
    expect(byOrganisation.at(-1)!.organisationName).toBe('Not named in the directory');
    const victimCareRules = byOrganisation.find((row) => row.organisationId === victimCare)!.rules;
    expect(victimCareRules.length).toBeGreaterThan(0);
    expect(victimCareRules.length).toBeLessThanOrEqual(3);
    expect(victimCareRules.every((rule) => rule.owner === 'victim_care_service')).toBe(true);
    const percents = victimCareRules.map((rule) => rule.onTimePercent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(response.body.worstByOwner.map((row: { owner: string }) => row.owner)).toEqual(expect.arrayContaining(['police', 'victim_care_service']));

    const filtered = await get('trends', { from: '2026-04-01', to: '2026-06-30', owingOrganisationId: clevelandPolice });
    expect(filtered.body.worstByOrganisation.filter((row: { rules: unknown[] }) => row.rules.length > 0).map((row: { organisationId: string }) => row.organisationId)).toEqual([clevelandPolice]);
  });

  it('writes each organisation, and for the whole period its rules, into the CSV', async () => {
    const csv = await get('code-compliance', { ...QUARTER, format: 'csv' });
    expect(csv.status).toBe(200);
    const [header, ...lines] = csv.text.trimEnd().split('\r\n');
    expect(header).toBe(COMPLIANCE_CSV_COLUMNS.join(','));
    const columns = header.split(',');
    const cells = lines.map((line) => line.split(','));
    const at = (row: string[], column: string) => row[columns.indexOf(column)];
    const truth = await truthByOrganisation();
    const whole = cells.filter((row) => at(row, 'period') === 'all' && at(row, 'level') === 'organisation');
    expect(new Map(whole.map((row) => [at(row, 'organisation_id') || null, Number(at(row, 'due'))]))).toEqual(new Map([...truth].map(([id, statuses]) => [id, statuses.due])));
    expect(whole.find((row) => at(row, 'organisation_id') === '')!).toEqual(expect.arrayContaining(['Not named in the directory']));
    expect(cells.some((row) => at(row, 'period') === 'all' && at(row, 'level') === 'organisation_rule' && at(row, 'organisation_id') === durhamPolice)).toBe(true);
    expect(cells.some((row) => at(row, 'period') !== 'all' && at(row, 'level') === 'organisation_rule')).toBe(false);
  });

  // Last: it names Durham's victim care service.
  it('shows a directory edit in the next report built from the same rollups refresh, and each caller only their own areas', async () => {
    await t.app.get(ReportRollups).refresh();
    const reports = t.app.get(ReportsService);
    const query = { ...QUARTER, groupBy: 'month' as const };
    const before = await reports.codeCompliance(actorOf(commissioner), query, 'json', 'rollup');
    const unnamedBefore = before.whole.organisations.find((row) => row.organisationId === null)!;
    expect(unnamedBefore.owners).toContain('victim_care_service');

    // Cleveland's commissioner asking the same question from the same refresh gets Cleveland's figures alone, not the first caller's.
    const clevelandOnly = await reports.codeCompliance(actorOf(clevelandCommissioner), query, 'json', 'rollup');
    expect(clevelandOnly.filters.areaIds).toEqual([clevelandId]);
    expect(clevelandOnly.whole.organisations.map((row) => row.organisationId)).not.toContain(durhamPolice);
    expect(before.whole.organisations.map((row) => row.organisationId)).toContain(durhamPolice);

    const [{ id: durhamVictimCare }] = await t.dataSource.query(`INSERT INTO organisations (name, kind) VALUES ('Test Durham victim care', 'victim_care_service') RETURNING id`);
    const named = await t.http().post('/api/v1/organisation-directory').set('authorization', admin.bearer).send({ areaId: durhamId, ownerKind: 'victim_care_service', organisationId: durhamVictimCare });
    expect(named.status).toBe(201);

    const after = await reports.codeCompliance(actorOf(commissioner), query, 'json', 'rollup');
    expect(after.asOf).toEqual(before.asOf);
    const durhamRow = after.whole.organisations.find((row) => row.organisationId === durhamVictimCare);
    expect(durhamRow).toEqual(expect.objectContaining({ organisationName: 'Test Durham victim care', owners: ['victim_care_service'] }));
    expect(durhamRow!.due).toBeGreaterThan(0);
    expect(after.whole.total).toEqual(before.whole.total);
  });
});
