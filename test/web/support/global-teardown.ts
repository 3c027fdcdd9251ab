import { readFileSync, rmSync } from 'node:fs';

/** Stops the app the set-up started (its own pid only). The database is dropped by the next set-up. */
export default async function globalTeardown(): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync('.data/run/web-test-app.pid', 'utf8'));
  } catch {
    return;
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  for (let waited = 0; waited < 10_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  rmSync('.data/run/web-test-app.pid', { force: true });
}
