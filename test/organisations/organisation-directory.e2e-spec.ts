import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OrganisationDirectoryService } from '../../src/organisations/organisation-directory.service.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the organisations directory', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let admin: SignedInUser;
  let cleveland: string;
  let durham: string;

  beforeAll(async () => {
    t = await startTestApp();
    fixtures = new Fixtures(t);
    admin = await fixtures.signedIn(['admin'], ['cleveland']);
    cleveland = await fixtures.areaId('cleveland');
    durham = await fixtures.areaId('durham');
  });
  afterAll(() => t.close());

  const api = () => ({
    get: (path: string) => t.http().get(`/api/v1/organisation-directory${path}`).set('authorization', admin.bearer),
    post: (body: object) => t.http().post('/api/v1/organisation-directory').set('authorization', admin.bearer).send(body),
    patch: (id: string, version: string | undefined, body: object) => {
      const request = t.http().patch(`/api/v1/organisation-directory/${id}`).set('authorization', admin.bearer);
      return (version ? request.set('if-match', version) : request).send(body);
    },
  });

  it('names the witness care unit of an area with its team mailbox, and resolves (area, owner kind) to it', async () => {
    const unit = await fixtures.organisationId('witness_care_unit');
    const created = await api().post({ areaId: cleveland, ownerKind: 'witness_care_unit', organisationId: unit, teamMailbox: 'WCU-Cleveland@Test.invalid' });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toEqual(expect.objectContaining({ areaId: cleveland, ownerKind: 'witness_care_unit', organisationId: unit, organisationKind: 'witness_care_unit', teamMailbox: 'wcu-cleveland@test.invalid', effectiveTeamMailbox: 'wcu-cleveland@test.invalid' }));

    const resolved = await t.app.get(OrganisationDirectoryService).resolve(cleveland, 'witness_care_unit');
    expect(resolved).toEqual({ id: unit, name: expect.any(String), kind: 'witness_care_unit', teamMailbox: 'wcu-cleveland@test.invalid' });
    expect(await t.app.get(OrganisationDirectoryService).resolve(durham, 'witness_care_unit')).toBeNull();

    const audit = await t.dataSource.query(`SELECT action, area_id FROM audit_log WHERE entity_type = 'organisation_directory' AND entity_id = $1`, [created.body.id]);
    expect(audit).toEqual([{ action: 'create', area_id: cleveland }]);

    const listed = await api().get(`?areaId=${cleveland}`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((entry: { id: string }) => entry.id)).toContain(created.body.id);
  });

  it('changes an entry only with the version read, and audits the change', async () => {
    const probation = await fixtures.organisationId('probation');
    const created = await api().post({ areaId: cleveland, ownerKind: 'probation', organisationId: probation });
    expect(created.body.teamMailbox).toBeNull();

    expectProblem(await api().patch(created.body.id, undefined, { teamMailbox: 'vcs@test.invalid' }), 428, 'PRECONDITION_REQUIRED');
    const changed = await api().patch(created.body.id, '"1"', { teamMailbox: 'vcs@test.invalid' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(expect.objectContaining({ teamMailbox: 'vcs@test.invalid', version: 2 }));
    expectProblem(await api().patch(created.body.id, '"1"', { teamMailbox: null }), 409, 'CONFLICT');
    expect((await t.app.get(OrganisationDirectoryService).resolve(cleveland, 'probation'))?.teamMailbox).toBe('vcs@test.invalid');

    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'organisation_directory' AND entity_id = $1 ORDER BY seq`, [created.body.id]);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['create', 'update']);
  });

  it('refuses a second entry for the same area and owner, and an organisation of the wrong kind, naming the field', async () => {
    const cps = await fixtures.organisationId('cps');
    expect((await api().post({ areaId: cleveland, ownerKind: 'cps', organisationId: cps })).status).toBe(201);
    expectProblem(await api().post({ areaId: cleveland, ownerKind: 'cps', organisationId: cps }), 409, 'DIRECTORY_ENTRY_EXISTS');

    const police = await fixtures.organisationId('police_force');
    const wrongKind = expectProblem(await api().post({ areaId: cleveland, ownerKind: 'court', organisationId: police }), 400, 'VALIDATION_FAILED');
    expect(fieldsOf(wrongKind)).toEqual(['organisationId']);
    const badOwner = expectProblem(await api().post({ areaId: cleveland, ownerKind: 'complaint_subject', organisationId: police }), 400, 'VALIDATION_FAILED');
    expect(fieldsOf(badOwner)).toEqual(['ownerKind']);
  });

  it('keeps an admin to their own areas: another area cannot be written, and its entries are not found', async () => {
    const police = await fixtures.organisationId('police_force');
    const outside = expectProblem(await api().post({ areaId: durham, ownerKind: 'police', organisationId: police }), 400, 'VALIDATION_FAILED');
    expect(fieldsOf(outside)).toEqual(['areaId']);

    const durhamAdmin = await fixtures.signedIn(['admin'], ['durham']);
    const theirs = await t.http().post('/api/v1/organisation-directory').set('authorization', durhamAdmin.bearer).send({ areaId: durham, ownerKind: 'police', organisationId: police });
    expect(theirs.status).toBe(201);
    expectProblem(await api().get(`/${theirs.body.id}`), 404, 'NOT_FOUND');
    const mine = await api().get('');
    expect(mine.body.every((entry: { areaId: string }) => entry.areaId === cleveland)).toBe(true);
  });

  it('is for admins only', async () => {
    const caseworker = await fixtures.signedIn(['caseworker']);
    const response = await t.http().get('/api/v1/organisation-directory').set('authorization', caseworker.bearer);
    expect(response.status).toBe(403);
  });
});
