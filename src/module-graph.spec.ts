import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * The house rule of docs/ARCHITECTURE.md, checked on every run: modules import downward
 * only, so the graph of imports between the folders of src/ has no cycle. Only the
 * composition roots (src/composition, and the entry points main.ts and worker.ts that
 * start them) may import any module, and nothing imports them.
 */
const SRC = join(process.cwd(), 'src');

/**
 * The map of docs/ARCHITECTURE.md, bottom first: a module imports only modules listed
 * before it. A new module must be placed here, which is the moment to decide its layer.
 */
const ORDER = [
  'app', 'access',
  'database', 'idempotency', 'queue',
  'audit', 'outbox',
  'identity', 'organisations', 'people', 'journeys',
  'crimes', 'support', 'after-outcome', 'referrals', 'notifications', 'work-queue', 'maintenance',
  'investigation', 'court', 'reminders', 'digest', 'health',
  'witness',
  'reports',
  // The web workspace: pages over the services of any module below; only composition imports it.
  'web',
];
const COMPOSITION = 'composition';
const ENTRY_POINTS = ['main.ts', 'worker.ts'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** src/<module>/... -> <module>; the entry points are their own "modules". */
function moduleOf(file: string): string {
  return relative(SRC, file).split('/')[0]!;
}

interface ModuleImport {
  from: string;
  to: string;
  file: string;
}

function moduleImports(): ModuleImport[] {
  const imports: ModuleImport[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = normalize(join(dirname(file), match[1]!));
      if (!target.startsWith(SRC + '/')) continue;
      const from = moduleOf(file);
      const to = moduleOf(target);
      if (from !== to) imports.push({ from, to, file: relative(process.cwd(), file) });
    }
  }
  return imports;
}

/** Tarjan's strongly connected components: every component of more than one module is a cycle. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!indexOf.has(node)) visit(node);
  return found;
}

describe('the modules of src/', () => {
  const imports = moduleImports();

  it('import one another without a cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const { from, to } of imports) {
      if (from === COMPOSITION || ENTRY_POINTS.includes(from)) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
    const found = cycles(edges).map((component) => {
      const inside = imports.filter((i) => component.includes(i.from) && component.includes(i.to));
      return { modules: component, imports: inside.map((i) => `${i.file} -> ${i.to}`) };
    });
    expect(found).toEqual([]);
  });

  it('import only modules below them on the map', () => {
    const placed = new Set([...ORDER, COMPOSITION, ...ENTRY_POINTS]);
    const modules = new Set(imports.flatMap((i) => [i.from, i.to]));
    expect([...modules].filter((m) => !placed.has(m))).toEqual([]);
    const upward = imports
      .filter((i) => ORDER.includes(i.from) && ORDER.indexOf(i.to) >= ORDER.indexOf(i.from))
      .map((i) => `${i.file} -> ${i.to}`);
    expect(upward).toEqual([]);
  });

  it('leave the composition roots to the entry points', () => {
    const intoComposition = imports.filter((i) => i.to === COMPOSITION && !ENTRY_POINTS.includes(i.from)).map((i) => i.file);
    expect(intoComposition).toEqual([]);
  });

  it('keep app/ a leaf: clock, config, errors and HTTP helpers import no other module', () => {
    expect(imports.filter((i) => i.from === 'app').map((i) => `${i.file} -> ${i.to}`)).toEqual([]);
  });
});
