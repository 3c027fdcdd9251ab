import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IMPORT_CHUNK_ROWS } from '../../src/referrals/imports/referral-import-runner.service.js';
import { Fixtures, type TestUser } from '../support/fixtures.js';
import { aCrimeReference } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';
import { aCsvRow, csvOf, type CsvRow } from './referral-csv.builder.js';

const NOW = new Date('2026-04-02T10:00:00Z');
const FINAL = ['completed', 'rejected', 'failed'];

/**
 * A file larger than one chunk (issue 20: the import checks the file, then reads its good
 * rows again a chunk at a time, and writes each chunk's audit rows after it). The rows
 * across chunks must be the rows of the file: none lost or doubled at a chunk's edge, a bad
 * row skipped without shifting the lines, a person of an earlier chunk linked, and every
 * journey's audit row written once.
 */
describe('a CSV import of more than one chunk', () => {
  let t: TestApp;
  let worker: TestWorker;
  let police: TestUser & { apiKey: string };

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REFERRAL_IMPORT_MAX_BYTES: String(4 * 1024 * 1024) } });
    worker = await startTestWorker(t);
    police = await new Fixtures(t).partnerClient(['cleveland']);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('writes every good row of every chunk once, with its own file line, and links a person from an earlier chunk', async () => {
    const total = 2 * IMPORT_CHUNK_ROWS + 300;
    const rows: CsvRow[] = Array.from({ length: total }, (_, index) => aCsvRow({ crime_reference: aCrimeReference(), external_reference: `ROW-${index}` }));
    // A bad row in the first chunk: the good rows after it keep their file lines.
    const bad = 10;
    rows[bad] = aCsvRow({ offence_category: 'piracy', external_reference: `ROW-${bad}` });
    // The same person on the same crime as row 5 (first chunk), in the last chunk: linked, not a second journey.
    const again = total - 1;
    rows[again] = { ...rows[5], crime_reference: rows[5].crime_reference.toLowerCase(), external_reference: `ROW-${again}` };

    const response = await t.http()
      .post('/api/v1/referral-imports?mode=import_valid_rows')
      .set('content-type', 'text/csv')
      .set('x-api-key', police.apiKey)
      .set('idempotency-key', randomUUID())
      .send(csvOf(rows));
    expect(response.status).toBe(202);
    let status: Record<string, unknown> = {};
    for (let poll = 0; poll < 2400 && !FINAL.includes(String(status.status)); poll++) {
      if (poll > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await t.http().get(`/api/v1/referral-imports/${response.body.id}`).set('x-api-key', police.apiKey)).body;
    }
    expect(status).toEqual(expect.objectContaining({ status: 'completed', totalRows: total, importedRows: total - 2, linkedRows: 1, rejectedRows: 1, problemCount: 1 }));

    const referrals: Array<{ import_line: number; external_reference: string; outcome: string; journey_id: string }> = await t.dataSource.query(
      `SELECT import_line, external_reference, outcome, journey_id FROM referrals WHERE import_id = $1 ORDER BY import_line`,
      [response.body.id],
    );
    // Every good row once, at its own line (the header is line 1), the bad one missing.
    expect(referrals).toHaveLength(total - 1);
    expect(new Set(referrals.map((referral) => referral.import_line)).size).toBe(total - 1);
    for (const referral of referrals) expect(referral.external_reference).toBe(`ROW-${referral.import_line - 2}`);
    expect(referrals.find((referral) => referral.import_line === bad + 2)).toBeUndefined();
    const first = referrals.find((referral) => referral.import_line === 5 + 2)!;
    const linked = referrals.find((referral) => referral.import_line === again + 2)!;
    expect(linked).toEqual(expect.objectContaining({ outcome: 'linked', journey_id: first.journey_id }));

    // Each journey created has exactly one audit row, flushed chunk by chunk in the import's transaction.
    const [audited] = await t.dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT entity_id)::int AS journeys FROM audit_log WHERE entity_type = 'journey' AND request_id = $1 AND details->>'outcome' = 'created'`,
      [`import-${response.body.id}`],
    );
    expect(audited).toEqual({ rows: total - 2, journeys: total - 2 });
  });
});
