// Reads jest's JSON results (one file per jest run of `npm test`) and Playwright's (its
// JSON reporter, for the browser tests) and prints the run's total time, the 10 slowest
// test files, and last the totals line `N passed, N failed` that CI reads.
// Usage: node scripts/test-summary.mjs STARTED_AT_MS RESULTS.json...
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [startedAt, ...files] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const timings = [];
for (const file of files) {
  if (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    failed += 1; // a jest run that wrote no results (it crashed, or the set-up failed)
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8'));
  if (results.stats && Array.isArray(results.suites) && results.config) {
    addPlaywright(results);
    continue;
  }
  const failedSuites = results.numFailedTestSuites + (results.numRuntimeErrorTestSuites || 0);
  passed += results.numPassedTests;
  // A file that fails before its tests run (set-up, import) counts once.
  failed += results.numFailedTests + (results.numFailedTests === 0 && failedSuites > 0 ? failedSuites : 0);
  skipped += results.numPendingTests + (results.numTodoTests || 0);
  for (const suite of results.testResults) {
    timings.push({ file: relative(process.cwd(), suite.name), seconds: (suite.endTime - suite.startTime) / 1000, status: suite.status });
  }
}

/** Playwright's JSON report: every test once (retries are results of the same test); a set-up that failed counts as one failure. */
function addPlaywright(report) {
  const { expected = 0, unexpected = 0, flaky = 0, skipped: skippedTests = 0 } = report.stats;
  passed += expected + flaky;
  failed += unexpected;
  skipped += skippedTests;
  if (expected + unexpected + flaky + skippedTests === 0 || (report.errors ?? []).length > 0) failed += Math.max(1, (report.errors ?? []).length);
  const files = new Map();
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const seconds = (test.results ?? []).reduce((sum, result) => sum + (result.duration ?? 0), 0) / 1000;
        const entry = files.get(spec.file) ?? { seconds: 0, ok: true };
        entry.seconds += seconds;
        entry.ok &&= test.status === 'expected' || test.status === 'flaky' || test.status === 'skipped';
        files.set(spec.file, entry);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  for (const [file, { seconds, ok }] of files) timings.push({ file: `test/web/${file}`, seconds, status: ok ? 'passed' : 'failed' });
}

timings.sort((a, b) => b.seconds - a.seconds);
if (timings.length > 0) {
  console.log(`slowest test files (of ${timings.length}):`);
  for (const { file, seconds, status } of timings.slice(0, 10)) {
    console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${file}${status === 'passed' ? '' : `  (${status})`}`);
  }
}
const total = (Date.now() - Number(startedAt)) / 1000;
console.log(`total time: ${Math.floor(total / 60)} min ${Math.round(total % 60)} s (install, services, compile and tests)`);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
