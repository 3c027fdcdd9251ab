// Compiles the web workspace's stylesheet (src/web/assets/application.scss: GOV.UK Frontend
// and MoJ Frontend set in Arial/Helvetica, since GDS Transport is licensed for
// service.gov.uk only) to dist/assets/application.css. Skipped when the CSS is newer than
// its sources and the lock file, so `npm test` and `npm run up` pay the ~10 s once.
// Usage: node scripts/build-assets.mjs [--force]
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/web/assets/application.scss');
const target = join(root, 'dist/assets/application.css');

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};
const inputs = [join(root, 'package-lock.json'), ...readdirSync(join(root, 'src/web/assets')).filter((name) => name.endsWith('.scss')).map((name) => join(root, 'src/web/assets', name))];
if (!process.argv.includes('--force') && mtime(target) > Math.max(...inputs.map(mtime))) {
  console.error('[assets] dist/assets/application.css is up to date');
  process.exit(0);
}

const started = Date.now();
const sass = await import('sass');
const result = sass.compile(source, {
  style: 'compressed',
  loadPaths: [root],
  importers: [new sass.NodePackageImporter(root)],
  // The design systems' own deprecation notices are theirs to fix, not ours.
  quietDeps: true,
  logger: sass.Logger.silent,
});
if (/GDS Transport/.test(result.css)) {
  console.error('[assets] the stylesheet names GDS Transport: it must be set in Arial/Helvetica');
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, result.css);
console.error(`[assets] dist/assets/application.css built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
