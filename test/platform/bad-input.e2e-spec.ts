import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('bad input gets one clear problem+json answer and writes nothing', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let clevelandId: string;

  const rowCounts = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM audit_log WHERE action <> 'login')::int AS audit`,
    );
    return row as { people: number; audit: number };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 MALFORMED_REQUEST', async () => {
    const before = await rowCounts();
    const response = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', caseworker.bearer)
      .set('content-type', 'application/json')
      .send('{"givenName": "Ann", ');
    expectProblem(response, 400, 'MALFORMED_REQUEST');
    expect(await rowCounts()).toEqual(before);
  });

  it('names every field with a wrong type, and writes nothing', async () => {
    const before = await rowCounts();
    const response = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', caseworker.bearer)
      .send({ areaId: clevelandId, givenName: 42, familyName: 'Smith', safeToLeaveMessages: 'yes', dateOfBirth: '21/04/1990' });
    const body = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(body)).toEqual(expect.arrayContaining(['givenName', 'safeToLeaveMessages', 'dateOfBirth']));
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses unknown fields by name', async () => {
    const response = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', caseworker.bearer)
      .send({ areaId: clevelandId, givenName: 'Ann', familyName: 'Smith', isAdmin: true });
    const body = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(body)).toEqual(['isAdmin']);
  });

  it('answers an oversized body with 413', async () => {
    const before = await rowCounts();
    const response = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', caseworker.bearer)
      .send({ areaId: clevelandId, givenName: 'Ann', familyName: 'x'.repeat(2 * 1024 * 1024) });
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a bad UUID in the path with 400 naming the parameter, before any lookup', async () => {
    const response = await t.http().get('/api/v1/people/not-a-uuid').set('authorization', caseworker.bearer);
    const body = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(body)).toEqual(['id']);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await t.http().get('/api/v1/no-such-thing').set('authorization', caseworker.bearer);
    expectProblem(response, 404, 'NOT_FOUND');
  });

  it('answers a non-JSON content type with 415', async () => {
    const response = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', caseworker.bearer)
      .set('content-type', 'text/plain')
      .send('givenName=Ann');
    expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('echoes a request id on every answer, the caller’s when it is a plain token', async () => {
    const own = await t.http().get('/health/live').set('x-request-id', 'partner-trace-0001');
    expect(own.headers['x-request-id']).toBe('partner-trace-0001');
    const generated = await t.http().get('/health/live').set('x-request-id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await t.http().get('/api/v1/people/x').set('authorization', caseworker.bearer);
    expect(problem.body.requestId).toBe(problem.headers['x-request-id']);
  });
});
