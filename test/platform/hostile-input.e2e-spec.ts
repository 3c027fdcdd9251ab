import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/app/http-input.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Issue 18: requests a hostile caller can send without a token, or with one, must not stall or break the service. */
describe('hostile input is refused early, by name, and cheaply', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let clevelandId: string;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-01T09:00:00Z') });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker']);
    clevelandId = await fixtures.areaId('cleveland');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await t.app.getUrl();
  });
  afterAll(() => t.close());

  const peopleCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM people`))[0].n);

  it('refuses deeply nested JSON with a 400 from a byte scan before any parser or validator walks it, /health/live answering meanwhile', async () => {
    const nested = '['.repeat(1_000_000);
    const attack = request(baseUrl).post('/api/v1/auth/login').set('content-type', 'application/json').send(nested);
    const probes = (async () => {
      for (let index = 0; index < 5; index += 1) expect((await request(baseUrl).get('/health/live')).status).toBe(200);
    })();
    const [response] = await Promise.all([attack, probes]);
    // Unfixed, this was a 500 after 3-5 s (class-transformer's stack overflowed under the
    // ValidationPipe, the event loop blocked meanwhile). The refusal is the scan's, which is one
    // pass over the bytes with no recursion: nothing recursive ever saw the body. How fast that
    // is belongs to a bench, not to an assertion here.
    const body = expectProblem(response, 400, 'MALFORMED_REQUEST');
    expect(body.detail).toMatch(/nests deeper than 32 levels/);
    expect(nestsDeeperThan(nested, MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`, MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(`["${'['.repeat(100)}"]`, MAX_JSON_DEPTH)).toBe(false);

    const depth = (n: number) => `{"email":${'['.repeat(n)}${']'.repeat(n)},"password":"x"}`;
    expectProblem(await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(depth(20_000)), 400, 'MALFORMED_REQUEST');
    // 32 levels is still JSON the API reads (and refuses for what it says, not how it nests).
    expectProblem(await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(depth(30)), 400, 'VALIDATION_FAILED');
  });

  it('answers a NUL byte in a text field or a query parameter with 400 naming the field', async () => {
    const before = await peopleCount();
    const inBody = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', caseworker.bearer)
      .send({ areaId: clevelandId, givenName: 'Ann\u0000', familyName: 'Nul' });
    expect(fieldsOf(expectProblem(inBody, 400, 'VALIDATION_FAILED'))).toEqual(['givenName']);
    const nestedBody = await t
      .http()
      .post('/api/v1/referrals')
      .set('authorization', caseworker.bearer)
      .send(aReferral(clevelandId, { person: { givenName: 'A', familyName: 'B', communicationNeeds: 'x\u0000y' } }));
    expect(fieldsOf(expectProblem(nestedBody, 400, 'VALIDATION_FAILED'))).toEqual(['person.communicationNeeds']);
    const inQuery = await t.http().get('/api/v1/people').query({ familyName: 'Sm\u0000ith' }).set('authorization', caseworker.bearer);
    expect(fieldsOf(expectProblem(inQuery, 400, 'VALIDATION_FAILED'))).toEqual(['familyName']);
    const search = await t.http().get('/api/v1/journeys').query({ name: 'Ann\u0000' }).set('authorization', caseworker.bearer).set('x-access-reason', 'test');
    expect(fieldsOf(expectProblem(search, 400, 'VALIDATION_FAILED'))).toEqual(['name']);
    expect(await peopleCount()).toBe(before);
  });

  it('reads CSV only on the referral import route: elsewhere a CSV body is a 415 and is not read', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 'a');
    const login = await t.http().post('/api/v1/auth/login').set('content-type', 'text/csv').send(big);
    expectProblem(login, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const people = await t.http().post('/api/v1/people').set('authorization', caseworker.bearer).set('content-type', 'text/csv').send('a,b\n1,2\n');
    expectProblem(people, 415, 'UNSUPPORTED_MEDIA_TYPE');
    // The import route keeps the JSON limit for JSON, and its own (larger) one for CSV.
    const json = await t
      .http()
      .post('/api/v1/referral-imports')
      .set('authorization', caseworker.bearer)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }));
    expectProblem(json, 413, 'PAYLOAD_TOO_LARGE');
    const csv = await t
      .http()
      .post('/api/v1/referral-imports')
      .set('authorization', caseworker.bearer)
      .set('content-type', 'text/csv')
      .send(`not,the,columns\n${'x,y,z\n'.repeat(400_000)}`);
    expect(csv.status).toBe(400);
    expect(fieldsOf(csv.body)).not.toEqual([]);
  });

  it('refuses impossible instants and calendar dates rather than rolling them over', async () => {
    const instant = await t
      .http()
      .post('/api/v1/referrals')
      .set('authorization', caseworker.bearer)
      .send(aReferral(clevelandId, { crime: { reportedAt: '2026-02-30T10:00:00Z', offenceDate: '2026-02-28' } }));
    expect(fieldsOf(expectProblem(instant, 400, 'VALIDATION_FAILED'))).toEqual(['crime.reportedAt']);
    const date = await t
      .http()
      .post('/api/v1/referrals')
      .set('authorization', caseworker.bearer)
      .send(aReferral(clevelandId, { crime: { offenceDate: '2026-02-30' } }));
    expect(fieldsOf(expectProblem(date, 400, 'VALIDATION_FAILED'))).toEqual(['crime.offenceDate']);
    for (const bad of ['2026-13-01T10:00:00Z', '2026-04-01T24:00:00Z', '2026-04-31T10:00:00+01:00']) {
      const response = await t
        .http()
        .post('/api/v1/referrals')
        .set('authorization', caseworker.bearer)
        .send(aReferral(clevelandId, { crime: { reportedAt: bad } }));
      expect(fieldsOf(expectProblem(response, 400, 'VALIDATION_FAILED'))).toEqual(['crime.reportedAt']);
    }
  });

  it('refuses dates of birth in the future or more than 120 years back', async () => {
    const before = await peopleCount();
    for (const dateOfBirth of ['2031-01-01', '1800-06-01', '1906-03-31']) {
      const person = await t
        .http()
        .post('/api/v1/people')
        .set('authorization', caseworker.bearer)
        .send({ areaId: clevelandId, givenName: 'Ann', familyName: 'Born', dateOfBirth });
      expect(fieldsOf(expectProblem(person, 400, 'VALIDATION_FAILED'))).toEqual(['dateOfBirth']);
      const referral = await t
        .http()
        .post('/api/v1/referrals')
        .set('authorization', caseworker.bearer)
        .send(aReferral(clevelandId, { person: { givenName: 'A', familyName: 'B', dateOfBirth } }));
      expect(fieldsOf(expectProblem(referral, 400, 'VALIDATION_FAILED'))).toEqual(['person.dateOfBirth']);
    }
    expect(await peopleCount()).toBe(before);
    const oldest = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', caseworker.bearer)
      .send({ areaId: clevelandId, givenName: 'Ann', familyName: 'Born', dateOfBirth: '1906-04-01' });
    expect(oldest.status).toBe(201);
  });

  it('answers form bodies to the API with 415, though the server has a form parser for pages', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    expect(fastify.hasContentTypeParser('application/x-www-form-urlencoded')).toBe(true);
    const login = await t.http().post('/api/v1/auth/login').type('form').send('email=a%40b.invalid&password=x');
    expectProblem(login, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const people = await t.http().post('/api/v1/people').set('authorization', caseworker.bearer).type('form').send(`areaId=${clevelandId}&givenName=A&familyName=B`);
    expectProblem(people, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('sends the standard security headers, no-store on API answers and a strict policy on the docs page', async () => {
    const answers = [
      await t.http().get(`/api/v1/people?limit=1`).set('authorization', caseworker.bearer),
      await t.http().get('/api/v1/people/not-a-uuid').set('authorization', caseworker.bearer),
      await t.http().post('/api/v1/auth/login').send({ email: 'nobody@test.invalid', password: 'wrong-password-1' }),
    ];
    for (const answer of answers) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-powered-by']).toBeUndefined();
    }
    const docs = await t.http().get('/docs');
    expect(docs.status).toBe(200);
    const policy = String(docs.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['x-powered-by']).toBeUndefined();
    // The UI's own files are served under that policy: scripts from this server only.
    const scripts = [...docs.text.matchAll(/<script src=['"]([^'"]+)['"]/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(docs.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const script of scripts) {
      const file = await t.http().get(new URL(script, 'http://x/docs').pathname);
      expect(file.status).toBe(200);
    }
  });
});
