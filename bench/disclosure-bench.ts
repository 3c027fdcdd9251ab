/**
 * The disclosure attack harness at scale (issue 21): every attack of the disclosure review
 * run against the protected compliance report and quarterly return over generated duties
 * with known truth, and what the figures are still good for.
 *
 *   npm run bench:disclosure                           # 200,000 duties in 8 areas
 *   BENCH_DUTIES=1000000 BENCH_AREAS=20 npm run bench:disclosure
 *
 * In memory (src/reports/disclosure/disclosure-attacks.ts): no database. BENCH_SEED picks
 * the data; the same seed gives the same figures. The test suite runs the same harness
 * smaller (test/reports/disclosure-attacks.e2e-spec.ts).
 */
import { performance } from 'node:perf_hooks';
import { runDisclosureAttacks } from '../src/reports/disclosure/disclosure-attacks.js';
import { positive, print } from './bench-env.js';

const DUTIES = positive('BENCH_DUTIES', 200_000);
const AREAS = positive('BENCH_AREAS', 8);
const SEED = positive('BENCH_SEED', 21);

const started = performance.now();
const protectedFindings = runDisclosureAttacks({ duties: DUTIES, areas: AREAS, seed: SEED, method: 'cell-key' });
print(`disclosure attacks: ${DUTIES.toLocaleString('en-GB')} duties, ${AREAS} areas, seed ${SEED} (${Math.round(performance.now() - started)} ms)`);
print('');
print('| attack | appearances of a true count of 1-4 | exact recoveries (cell key method) |');
print('| --- | --- | --- |');
protectedFindings.rows.forEach((row) => {
  print(`| ${row.attack} | ${row.smallCells} | ${row.exactRecoveries} |`);
});
const { utility } = protectedFindings;
print('');
print(`most-breached right: truth ${utility.mostBreachedRight.truth}, shown ${utility.mostBreachedRight.shown}`);
print(`most-breached organisation kind: truth ${utility.mostBreachedOwner.truth}, shown ${utility.mostBreachedOwner.shown}`);
print(`cells with a true count of 20 or more within ±2: ${utility.within2} of ${utility.cellsOf20OrMore} (${utility.within2Percent}%)`);
print(`cells of 10 or more hidden: ${utility.hiddenOf10OrMore} (of ${utility.cells} cells)`);
print(`repeated queries answering differently: ${protectedFindings.repeatedQueriesDiffering}`);
