import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queue/queues.js';
import { ReferralImportReconciler } from '../../src/referrals/imports/referral-import-reconciler.service.js';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aCrimeReference, aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';
import { aCsvRow, csvOf } from './referral-csv.builder.js';

// Thursday before Easter 2026, as in the referral tests.
const MAUNDY_THURSDAY = new Date('2026-04-02T10:00:00Z');
const FINAL = ['completed', 'rejected', 'failed'];
const MAX_BYTES = 16_384;

interface ImportStatus {
  id: string;
  status: string;
  totalRows: number | null;
  validatedRows: number;
  importedRows: number;
  linkedRows: number;
  rejectedRows: number;
  problemCount: number;
  finishedAt: string | null;
  failure: string | null;
}

describe('bulk referral intake by CSV', () => {
  let t: TestApp;
  let worker: TestWorker;
  let police: TestUser & { apiKey: string };
  let caseworker: SignedInUser;
  let colleague: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MAUNDY_THURSDAY, env: { REFERRAL_IMPORT_MAX_BYTES: String(MAX_BYTES) } });
    worker = await startTestWorker(t);
    const fixtures = new Fixtures(t);
    police = await fixtures.partnerClient(['cleveland']);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    colleague = await fixtures.signedIn(['supervisor'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const upload = (csv: string, options: { query?: string; key?: string | null; as?: SignedInUser } = {}) => {
    const request = t.http().post(`/api/v1/referral-imports${options.query ?? ''}`).set('content-type', 'text/csv');
    if (options.as) request.set('authorization', options.as.bearer);
    else request.set('x-api-key', police.apiKey);
    const key = options.key === undefined ? randomUUID() : options.key;
    if (key) request.set('idempotency-key', key);
    return request.send(csv);
  };

  /** Polls the status endpoint until the import ends; a bounded number of polls, no timing assertion. */
  const asPolice = () => ({ 'x-api-key': police.apiKey });

  const finished = async (id: string, headers: Record<string, string> = asPolice()): Promise<ImportStatus> => {
    for (let poll = 0; poll < 600; poll++) {
      const response = await t.http().get(`/api/v1/referral-imports/${id}`).set(headers);
      expect(response.status).toBe(200);
      if (FINAL.includes(response.body.status)) return response.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`import ${id} did not finish`);
  };

  const uploaded = async (csv: string, query = ''): Promise<ImportStatus> => {
    const response = await upload(csv, { query });
    expect(response.status).toBe(202);
    return finished(response.body.id);
  };

  const problemsOf = async (id: string) => {
    const response = await t.http().get(`/api/v1/referral-imports/${id}/problems?limit=100`).set(asPolice());
    expect(response.status).toBe(200);
    return response.body.items as Array<{ line: number; column: string; message: string }>;
  };

  const crimesWithReferences = async (references: string[]) =>
    (await t.dataSource.query(`SELECT crime_reference FROM crimes WHERE crime_reference = ANY($1)`, [references])).length;

  it('takes a good file in whole: journeys with their duties, referrals marked with the import and the file line', async () => {
    const rows = [
      aCsvRow({ external_reference: 'NICHE-1', safe_to_leave_messages: 'yes', vulnerability_flags: 'older_person; repeat_victim' }),
      aCsvRow({ given_name: 'Bea', enhanced_rights_categories: 'vulnerable', enhanced_rights_reason: 'Victim is 16', date_of_birth: '2010-01-01' }),
      aCsvRow({ offence_category: 'domestic_abuse', referral_consent: 'given', consent_recorded_at: '2026-03-31T10:00:00Z' }),
    ];
    const response = await upload(csvOf(rows), { query: '?fileName=cleveland.csv' });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      id: expect.any(String),
      status: 'queued',
      links: { self: `/api/v1/referral-imports/${response.body.id}`, problems: `/api/v1/referral-imports/${response.body.id}/problems` },
    });
    expect(response.headers.location).toBe(`/api/v1/referral-imports/${response.body.id}`);

    const status = await finished(response.body.id);
    expect(status).toEqual(
      expect.objectContaining({ status: 'completed', mode: 'all_or_nothing', fileName: 'cleveland.csv', totalRows: 3, validatedRows: 3,
        importedRows: 3, linkedRows: 0, rejectedRows: 0, problemCount: 0, failure: null, finishedAt: MAUNDY_THURSDAY.toISOString() }),
    );
    const referrals = await t.dataSource.query(
      `SELECT r.import_line, r.channel, r.outcome, r.external_reference, r.referred_by_organisation_id, j.enhanced_categories, p.vulnerability_flags, p.safe_to_leave_messages
         FROM referrals r JOIN journeys j ON j.id = r.journey_id JOIN people p ON p.id = j.person_id
        WHERE r.import_id = $1 ORDER BY r.import_line`,
      [response.body.id],
    );
    expect(referrals).toEqual([
      expect.objectContaining({ import_line: 2, channel: 'csv', outcome: 'created', external_reference: 'NICHE-1', referred_by_organisation_id: police.organisationId,
        vulnerability_flags: ['older_person', 'repeat_victim'], safe_to_leave_messages: true }),
      expect.objectContaining({ import_line: 3, enhanced_categories: ['vulnerable'] }),
      // Issue 16: a domestic abuse victim is enhanced from the facts (most serious crime), with no enhanced_rights column.
      expect.objectContaining({ import_line: 4, outcome: 'created', enhanced_categories: ['most_serious_crime'] }),
    ]);
    const duties = await t.dataSource.query(
      `SELECT r.import_line, d.due_at FROM duties d JOIN referrals r ON r.journey_id = d.journey_id
        WHERE r.import_id = $1 AND d.rule_id = 'support.first-contact' ORDER BY r.import_line`,
      [response.body.id],
    );
    // Wednesday after Easter for the standard victim, the Tuesday for the enhanced ones (as through the API).
    expect(duties.map((duty: { due_at: Date }) => duty.due_at.toISOString())).toEqual([
      '2026-04-08T22:59:59.999Z', '2026-04-07T22:59:59.999Z', '2026-04-07T22:59:59.999Z',
    ]);
    const [stored] = await t.dataSource.query(`SELECT content, attempts FROM referral_imports WHERE id = $1`, [response.body.id]);
    expect(stored).toEqual({ content: null, attempts: 1 });
  });

  it('audits the import with its counts, and the journeys it created, without personal data', async () => {
    const row = aCsvRow();
    const status = await uploaded(csvOf([row]));
    const audit = await t.dataSource.query(
      `SELECT action, entity_type, actor_user_id, request_id, details FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
      [status.id],
    );
    expect(audit).toEqual([
      expect.objectContaining({ action: 'create', entity_type: 'referral_import', actor_user_id: police.id }),
      expect.objectContaining({
        action: 'import',
        request_id: `import-${status.id}`,
        details: expect.objectContaining({ status: 'completed', totalRows: 1, importedRows: 1, linkedRows: 0, rejectedRows: 0, problemCount: 0 }),
      }),
    ]);
    const journeyAudit = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'journey' AND request_id = $1`, [`import-${status.id}`]);
    expect(journeyAudit).toEqual([{ details: expect.objectContaining({ channel: 'csv', outcome: 'created' }) }]);
    expect(JSON.stringify(audit)).not.toContain(row.family_name);
  });

  const badRows = () => [
    aCsvRow(),
    aCsvRow({ date_of_birth: '2030-01-01', safe_to_leave_messages: 'maybe' }),
    aCsvRow({ offence_category: 'piracy' }),
    aCsvRow({ area_code: 'durham' }),
    aCsvRow({ offence_category: 'sexual_offence', referral_consent: 'not_objected' }),
    aCsvRow({ area_code: 'atlantis', vulnerability_flags: 'older_person;cursed' }),
    aCsvRow(),
  ];

  it('rejects a file with bad rows whole under all_or_nothing, naming each problem by line, column and reason', async () => {
    const rows = badRows();
    const status = await uploaded(csvOf(rows));
    expect(status).toEqual(expect.objectContaining({ status: 'rejected', totalRows: 7, validatedRows: 7, importedRows: 0, rejectedRows: 5, problemCount: 7 }));
    const problems = await problemsOf(status.id);
    expect(problems.map(({ line, column }) => `${line} ${column}`)).toEqual([
      '3 safe_to_leave_messages', '3 date_of_birth', '4 offence_category', '5 area_code', '6 referral_consent', '7 area_code', '7 vulnerability_flags',
    ]);
    expect(problems[1].message).toBe('must not be in the future');
    expect(problems[3].message).toBe('is not one of your areas');
    expect(problems[4].message).toContain('explicit consent');
    expect(problems[5].message).toBe('is not a known area code');
    expect(await crimesWithReferences(rows.map((row) => row.crime_reference))).toBe(0);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM referrals WHERE import_id = $1`, [status.id]);
    expect(count).toBe(0);
  });

  it('imports the good rows and lists the bad ones under import_valid_rows', async () => {
    const rows = badRows();
    const status = await uploaded(csvOf(rows), '?mode=import_valid_rows');
    expect(status).toEqual(expect.objectContaining({ status: 'completed', mode: 'import_valid_rows', totalRows: 7, importedRows: 2, rejectedRows: 5, problemCount: 7 }));
    const lines = await t.dataSource.query(`SELECT import_line FROM referrals WHERE import_id = $1 ORDER BY import_line`, [status.id]);
    expect(lines).toEqual([{ import_line: 2 }, { import_line: 8 }]);
    expect(await crimesWithReferences(rows.slice(1, 6).map((row) => row.crime_reference))).toBe(0);
  });

  it('links a person referred twice for one crime, in the file or before it, to one journey', async () => {
    const crimeReference = aCrimeReference();
    const earlier = aReferral(clevelandId, { crime: { crimeReference: aCrimeReference() } });
    const viaApi = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer).send(earlier);
    expect(viaApi.status).toBe(201);
    const person = { given_name: 'Cat', family_name: 'Twice', date_of_birth: '1990-05-05' };
    const status = await uploaded(
      csvOf([
        aCsvRow({ crime_reference: crimeReference, ...person }),
        aCsvRow({ crime_reference: crimeReference.toLowerCase(), ...person, family_name: 'TWICE', external_reference: 'SECOND' }),
        aCsvRow({ crime_reference: earlier.crime.crimeReference, given_name: earlier.person.givenName, family_name: earlier.person.familyName, date_of_birth: earlier.person.dateOfBirth! }),
      ]),
    );
    expect(status).toEqual(expect.objectContaining({ status: 'completed', importedRows: 1, linkedRows: 2 }));
    const referrals = await t.dataSource.query(`SELECT import_line, outcome, journey_id FROM referrals WHERE import_id = $1 ORDER BY import_line`, [status.id]);
    expect(referrals.map((row: { outcome: string }) => row.outcome)).toEqual(['created', 'linked', 'linked']);
    expect(referrals[1].journey_id).toBe(referrals[0].journey_id);
    expect(referrals[2].journey_id).toBe(viaApi.body.journeyId);
    const events = await t.dataSource.query(`SELECT type FROM journey_events WHERE journey_id = $1 ORDER BY seq`, [viaApi.body.journeyId]);
    expect(events.map((row: { type: string }) => row.type)).toContain('referral.linked');
  });

  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF and a byte order mark, and counts file lines across them', async () => {
    const multiLine = aCsvRow({ address_line1: 'Flat 2, "The Cedars"', communication_needs: 'Deaf.\r\nUse text messages, not calls.' });
    const bad = aCsvRow({ postcode: 'not a postcode' });
    const status = await uploaded(`\uFEFF${csvOf([multiLine, bad])}`, '?mode=import_valid_rows');
    expect(status).toEqual(expect.objectContaining({ status: 'completed', importedRows: 1, rejectedRows: 1 }));
    const [stored] = await t.dataSource.query(
      `SELECT p.address_line1, p.communication_needs FROM referrals r JOIN journeys j ON j.id = r.journey_id JOIN people p ON p.id = j.person_id WHERE r.import_id = $1`,
      [status.id],
    );
    expect(stored).toEqual({ address_line1: 'Flat 2, "The Cedars"', communication_needs: 'Deaf.\r\nUse text messages, not calls.' });
    // The header is line 1, the first row lines 2-3: the bad row starts on line 4.
    expect(await problemsOf(status.id)).toEqual([{ line: 4, column: 'postcode', message: 'must be a UK postcode' }]);
  });

  it('rejects a file whose quoted cell is never closed, writing nothing', async () => {
    const row = aCsvRow();
    const status = await uploaded(`${csvOf([row])}cleveland,victim,,"CLE/1,burglary\n`, '?mode=import_valid_rows');
    expect(status).toEqual(expect.objectContaining({ status: 'rejected', importedRows: 0 }));
    expect(await problemsOf(status.id)).toEqual([{ line: 3, column: 'row', message: 'a quoted cell is never closed' }]);
    expect(await crimesWithReferences([row.crime_reference])).toBe(0);
  });

  it('refuses at upload a header with a missing required column or an unknown one, naming them', async () => {
    const columns = ['area_code', 'role', 'crime_reference', 'offence_category', 'reported_at', 'family_name', 'referral_consent', 'nickname'];
    const response = await upload(csvOf([aCsvRow()], { columns }));
    expect(fieldsOf(expectProblem(response, 400, 'VALIDATION_FAILED'))).toEqual(['given_name', 'nickname']);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM referral_imports WHERE created_by = $1 AND status = 'queued'`, [police.id]);
    expect(count).toBe(0);
  });

  it('accepts the columns in any order and without the optional ones', async () => {
    const columns = ['referral_consent', 'family_name', 'given_name', 'reported_at', 'offence_category', 'crime_reference', 'role', 'area_code'];
    const status = await uploaded(csvOf([aCsvRow()], { columns, newline: '\n' }));
    expect(status).toEqual(expect.objectContaining({ status: 'completed', importedRows: 1 }));
  });

  it('shows an import to its uploader’s organisation only: another organisation gets 404', async () => {
    const response = await upload(csvOf([aCsvRow()]), { as: caseworker, key: null });
    expect(response.status).toBe(202);
    await finished(response.body.id, { authorization: caseworker.bearer });
    expect((await t.http().get(`/api/v1/referral-imports/${response.body.id}`).set('authorization', colleague.bearer)).status).toBe(200);
    const other = await t.http().get(`/api/v1/referral-imports/${response.body.id}`).set('x-api-key', police.apiKey);
    expectProblem(other, 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/referral-imports/${response.body.id}/problems`).set('x-api-key', police.apiKey), 404, 'NOT_FOUND');
    const [denied] = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND actor_user_id = $2`, [response.body.id, police.id]);
    expect(denied).toEqual({ action: 'access_denied' });
  });

  it('refuses a file over the size limit with 413, storing nothing', async () => {
    const rows = Array.from({ length: 200 }, () => aCsvRow());
    const csv = csvOf(rows);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(MAX_BYTES);
    expectProblem(await upload(csv), 413, 'PAYLOAD_TOO_LARGE');
    expect(await crimesWithReferences([rows[0].crime_reference])).toBe(0);
  });

  it('refuses a body that is not UTF-8 text, or is binary', async () => {
    const response = await t.http().post('/api/v1/referral-imports').set('content-type', 'text/csv').set('authorization', caseworker.bearer)
      .send(Buffer.from([0x61, 0x72, 0x65, 0x61, 0xff, 0xfe, 0x0a]));
    expectProblem(response, 400, 'MALFORMED_REQUEST');
    const binary = await t.http().post('/api/v1/referral-imports').set('content-type', 'text/csv').set('authorization', caseworker.bearer)
      .send(Buffer.from('area_code,role\n\u0000\u0001,x\n'));
    expectProblem(binary, 400, 'MALFORMED_REQUEST');
  });

  it('answers a retried upload with the first answer, refuses the key for another file, and requires a key from partner systems', async () => {
    const key = randomUUID();
    const csv = csvOf([aCsvRow()]);
    const first = await upload(csv, { key });
    const again = await upload(csv, { key });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expectProblem(await upload(csvOf([aCsvRow()]), { key }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(fieldsOf(expectProblem(await upload(csv, { key: null }), 400, 'VALIDATION_FAILED'))).toEqual(['Idempotency-Key']);
    await finished(first.body.id);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM referral_imports WHERE created_by = $1 AND content IS NULL AND id = $2`, [police.id, first.body.id]);
    expect(count).toBe(1);
  });

  it('gives up as failed, without personal data, an import that ran out of attempts', async () => {
    const response = await upload(csvOf([aCsvRow()]));
    await finished(response.body.id);
    // As if its worker had died on its third run: unfinished, three attempts, untouched for a while.
    await t.dataSource.query(
      `UPDATE referral_imports SET status = 'importing', attempts = 3, content = 'x', finished_at = NULL, updated_at = $2 WHERE id = $1`,
      [response.body.id, new Date(MAUNDY_THURSDAY.getTime() - 10 * 60_000)],
    );
    const outcome = await worker.worker.get(ReferralImportReconciler).reconcile();
    expect(outcome.failed).toBe(1);
    const status = await finished(response.body.id);
    expect(status).toEqual(expect.objectContaining({ status: 'failed', failure: expect.stringContaining('did not finish after 3 attempts') }));
    const [stored] = await t.dataSource.query(`SELECT content FROM referral_imports WHERE id = $1`, [response.body.id]);
    expect(stored.content).toBeNull();
  });

  it('runs an import again whose job was lost from Redis, once the reconcile finds it', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.ReferralImports));
    await queue.pause();
    const response = await upload(csvOf([aCsvRow(), aCsvRow()]));
    expect(response.status).toBe(202);
    // A flush: the job is gone, the import row stays queued in Postgres.
    await queue.obliterate({ force: true });
    await queue.resume();
    expect(await queue.getJob(`referral-import-${response.body.id}`)).toBeUndefined();
    const [before] = await t.dataSource.query(`SELECT status FROM referral_imports WHERE id = $1`, [response.body.id]);
    expect(before.status).toBe('queued');

    // Not yet stale: a freshly queued import is left to its job.
    expect((await worker.worker.get(ReferralImportReconciler).reconcile()).requeued).toBe(0);
    t.clock.advance(6 * 60_000);
    expect((await worker.worker.get(ReferralImportReconciler).reconcile()).requeued).toBe(1);
    expect(await finished(response.body.id)).toEqual(expect.objectContaining({ status: 'completed', importedRows: 2 }));
  });
});
