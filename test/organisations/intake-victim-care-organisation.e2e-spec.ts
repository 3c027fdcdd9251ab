import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemActor } from '../../src/access/actor.js';
import { OrganisationDirectoryService } from '../../src/organisations/organisation-directory.service.js';
import { Fixtures, type TestUser } from '../support/fixtures.js';
import { aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('a new referral starts with its victim care organisation', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let police: TestUser & { apiKey: string };
  let cleveland: string;
  let durham: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-01T10:00:00Z') });
    fixtures = new Fixtures(t);
    police = await fixtures.partnerClient(['cleveland', 'durham']);
    cleveland = await fixtures.areaId('cleveland');
    durham = await fixtures.areaId('durham');
  });
  afterAll(() => t.close());

  const leadOrganisationOf = async (journeyId: string): Promise<string | null> =>
    (await t.dataSource.query(`SELECT lead_organisation_id FROM journeys WHERE id = $1`, [journeyId]))[0].lead_organisation_id;

  it('takes the victim care service the area’s directory names, so first contact has a team from the first minute', async () => {
    const provider = await fixtures.organisationId('victim_care_service');
    await t.app.get(OrganisationDirectoryService).create(
      { ...systemActor('test'), areaIds: [cleveland] },
      { areaId: cleveland, ownerKind: 'victim_care_service', organisationId: provider, teamMailbox: 'vcs-team@test.invalid' },
    );
    const response = await t.http().post('/api/v1/referrals').set('x-api-key', police.apiKey).set('idempotency-key', randomUUID()).send(aReferral(cleveland));
    expect(response.status).toBe(201);
    expect(await leadOrganisationOf(response.body.journeyId)).toBe(provider);
  });

  it('leaves the journey without an organisation when neither names one (an area whose directory names no victim care service)', async () => {
    const response = await t.http().post('/api/v1/referrals').set('x-api-key', police.apiKey).set('idempotency-key', randomUUID()).send(aReferral(durham));
    expect(response.status).toBe(201);
    expect(await leadOrganisationOf(response.body.journeyId)).toBeNull();
  });
});
