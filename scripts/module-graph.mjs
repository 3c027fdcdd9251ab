// The module import graph of src/: a module is the first folder under src/, and an edge
// A -> B (with a count of import statements) means a file in A imports one in B.
// Prints the edges and the layers (each module above everything it imports); fails when
// modules import each other in a cycle, or when anything but main.ts and worker.ts
// imports composition/ (the root modules, entity registry, migration CLI and seeders).
//   node scripts/module-graph.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const src = resolve(new URL('../src', import.meta.url).pathname);
const files = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (path.endsWith('.ts')) files.push(path);
  }
})(src);

// main.ts and worker.ts, directly under src/, count as modules of their own.
const moduleOf = (file) => relative(src, file).split(sep)[0];
const counts = new Map();
const problems = [];
for (const file of files) {
  for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), match[1]);
    if (!target.startsWith(src + sep)) continue;
    const [from, to] = [moduleOf(file), moduleOf(target)];
    if (from === to) continue;
    if (to === 'composition' && !['main.ts', 'worker.ts'].includes(from)) problems.push(`${relative(src, file)} imports composition/`);
    counts.set(`${from} -> ${to}`, (counts.get(`${from} -> ${to}`) ?? 0) + 1);
  }
}

const deps = new Map();
for (const edge of counts.keys()) {
  const [from, to] = edge.split(' -> ');
  if (!deps.has(from)) deps.set(from, new Set());
  if (!deps.has(to)) deps.set(to, new Set());
  deps.get(from).add(to);
}
const layer = new Map();
const visiting = new Set();
const layerOf = (name, path = []) => {
  if (layer.has(name)) return layer.get(name);
  if (visiting.has(name)) {
    problems.push(`cycle: ${[...path.slice(path.indexOf(name)), name].join(' -> ')}`);
    return 0;
  }
  visiting.add(name);
  const below = [...deps.get(name)].map((dep) => layerOf(dep, [...path, name]));
  visiting.delete(name);
  layer.set(name, below.length ? 1 + Math.max(...below) : 0);
  return layer.get(name);
};
for (const name of deps.keys()) layerOf(name);

console.log('Edges (import statements):');
for (const [edge, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) console.log(`${String(count).padStart(5)}  ${edge}`);
console.log('\nLayers, bottom first (each module imports only modules on lower layers):');
const byLayer = new Map();
for (const [name, at] of layer) byLayer.set(at, [...(byLayer.get(at) ?? []), name]);
for (const at of [...byLayer.keys()].sort((a, b) => a - b)) {
  for (const name of byLayer.get(at).sort()) console.log(`${String(at).padStart(3)}  ${name.padEnd(14)} -> ${[...deps.get(name)].sort().join(', ') || '(nothing)'}`);
}
if (problems.length) {
  const shown = problems.slice(0, 20);
  if (problems.length > shown.length) shown.push(`... and ${problems.length - shown.length} more`);
  console.error(`\n${shown.join('\n')}`);
  process.exit(1);
}
console.log('\nNo cycle between modules; only main.ts and worker.ts import composition/.');
