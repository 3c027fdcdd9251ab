import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

/**
 * The one scoping rule of docs/ARCHITECTURE.md ("Scope by the aggregate root"), checked on
 * every run over the raw SQL in src/: a query that reads an area-owned table either
 *  - takes its area condition from AccessScope (`sqlFilter`, or `restrict` on a query
 *    builder), in the function that writes the SQL or in a function of src/ it calls, or
 *  - is keyed to one record (or a list of records) by id, or by the id of an area-owned
 *    parent: a child row reached through its aggregate root, which the caller found in
 *    scope first (JourneyWork, CrimeWork, ledger.lock, AreaScopedRepository), or
 *  - is on the short allow-list below, each entry with its reason.
 * And nobody writes an area condition by hand (`area_id = ANY(...)`, `area_id IN (...)`).
 *
 * Area-owned tables are read from migrations/ (every table with an `area_id` column), so a
 * new one is covered the day it is created. Queries through TypeORM entities go through
 * AreaScopedRepository, which applies `restrict`; this check reads SQL strings.
 */
const ROOT = process.cwd();
const SRC = join(ROOT, 'src');
const MIGRATIONS = join(ROOT, 'migrations');

/**
 * Queries over area-owned tables that are neither scoped nor keyed, and why that is right.
 * Keyed by file and the function (or method) that writes the SQL.
 */
const ALLOWED: Record<string, string> = {
  'src/reports/targets/report-targets.repository.ts': 'targets are settings per area, not personal data; the targets service passes only the areas the caller may see (admins: all)',
  'src/identity/users.repository.ts findWithSession': 'authentication reads the signed-in user’s own areas (user_areas is who may see an area, not data of one)',
  'src/reminders/reminder-sweeper.service.ts': 'the reminders worker pages through every area’s owed duties and their emails (a system job, never a request)',
  'src/reminders/reminders.service.ts': 'a reminder moment plans and sends the owed duties of every area whose time has come (a system job, never a request); routing narrows to each duty’s area',
  'src/notifications/notifications.service.ts sendOnce': 'sends one email by its unique dedupe key, for the worker of every area',
  'src/notifications/notifications.repository.ts page':
    'its WHERE comes from its callers: forRecipient applies the caller’s scope, forJourney is keyed by a journey found in scope, failed() is the admins’ list of failed emails in every area',
  'src/digest/digest-planner.ts': 'the daily digest job plans an email for each user of every area (a system job); each user’s items come from WorkQueueService in that user’s own scope',
  'src/journeys/journey-directory.ts registerCrimes': 'referral intake finds a crime by its natural key (area, crime reference), the area being the referral’s, already checked against the referrer’s scope',
  'src/audit/audit-chain.repository.ts':
    'the worker’s sealer and /audit/verify (auditors) read the audit log in sequence order across areas: the log is one hash chain',
  'src/journeys/journey-management.service.ts eligibleLeads':
    'the workers who may lead a journey, in that journey’s area: the journey is read in the caller’s scope first (readInScope), and its area keys the look-up',
  'src/composition': 'the demo and synthetic seeders and the CLIs write demo and test data in every area; they never serve a request',
};

const SCOPING_CALLS = new Set(['sqlFilter', 'restrict']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Tables created with an area_id column, and the columns that reference one of them (`journey_id -> journeys`). */
function areaOwnedSchema(): { tables: Set<string>; parentKeys: Set<string> } {
  const tables = new Set<string>();
  const references: Array<[string, string]> = [];
  for (const file of readdirSync(MIGRATIONS).filter((name) => /^\d+-.*\.ts$/.test(name))) {
    const text = readFileSync(join(MIGRATIONS, file), 'utf8');
    for (const [, table, body] of text.matchAll(/CREATE TABLE (\w+)\s*\(([\s\S]*?)\n\s*\)/g)) {
      if (/^\s*area_id\s/m.test(body!)) tables.add(table!);
      for (const [, column, parent] of body!.matchAll(/^\s*(\w+_id)\s[^\n]*REFERENCES\s+(\w+)/gm)) references.push([column!, parent!]);
    }
    for (const [, table] of text.matchAll(/ALTER TABLE (\w+)\s+ADD COLUMN area_id\b/g)) tables.add(table!);
  }
  return { tables, parentKeys: new Set(references.filter(([, parent]) => tables.has(parent)).map(([column]) => column)) };
}

interface SqlText {
  file: string;
  /** The function or method the SQL is written in (the outermost named one), or '' at module level. */
  owner: string;
  text: string;
  node: ts.Node;
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node);
}

function nameOf(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node)) && node.name) return node.name.getText();
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent)) return node.parent.name.getText();
  return undefined;
}

/** Names of the functions called in `node` (`f(...)`, `x.f(...)`, `this.f(...)`). */
function callsIn(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (child: ts.Node): void => {
    if (ts.isCallExpression(child)) {
      const callee = child.expression;
      if (ts.isIdentifier(callee)) names.add(callee.text);
      else if (ts.isPropertyAccessExpression(callee)) names.add(callee.name.text);
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
}

/** A template's text with each substitution kept as `${...}`; a plain string's text. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.getText().slice(1, -1);
  return undefined;
}

function enclosingFunctions(node: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  for (let current = node.parent; current; current = current.parent) if (isFunctionLike(current)) found.push(current);
  return found;
}

const parsed = sourceFiles(SRC).map((path) => ({
  file: relative(ROOT, path),
  source: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true),
}));

/**
 * Functions that apply the scope: those that call sqlFilter or restrict, and (to a fixed
 * point) those that call one of them. Names of a file's own functions count in that file;
 * exported ones (FactScope's sourceConditions, factConditions...) count everywhere.
 */
function scopingFunctions(): { local: Map<string, Set<string>>; exported: Set<string> } {
  const functions = parsed.flatMap(({ file, source }) => {
    const found: Array<{ file: string; name: string; calls: Set<string>; exported: boolean }> = [];
    const visit = (node: ts.Node): void => {
      const name = isFunctionLike(node) ? nameOf(node) : undefined;
      if (name) {
        const statement = ts.isVariableDeclaration(node.parent) ? node.parent.parent.parent : node;
        const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        found.push({ file, name, calls: callsIn(node), exported });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });
  const local = new Map<string, Set<string>>();
  const exported = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const fn of functions) {
      const known = local.get(fn.file) ?? new Set<string>();
      local.set(fn.file, known);
      if (known.has(fn.name)) continue;
      if ([...fn.calls].some((call) => SCOPING_CALLS.has(call) || known.has(call) || exported.has(call))) {
        known.add(fn.name);
        if (fn.exported) exported.add(fn.name);
        changed = true;
      }
    }
  }
  return { local, exported };
}

function sqlTexts(): SqlText[] {
  return parsed.flatMap(({ file, source }) => {
    const found: SqlText[] = [];
    const visit = (node: ts.Node): void => {
      const text = literalText(node);
      if (text !== undefined && /\b(SELECT|FROM|JOIN|UPDATE|DELETE|WHERE)\b/.test(text)) {
        const owners = enclosingFunctions(node).map(nameOf).filter((name): name is string => Boolean(name));
        found.push({ file, owner: owners[owners.length - 1] ?? '', text, node });
        return; // substitutions inside are part of this text
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });
}

/** Every string and template in src/, SQL or not (a WHERE fragment has no SELECT). */
function allLiterals(): Array<{ file: string; text: string }> {
  return parsed.flatMap(({ file, source }) => {
    const found: Array<{ file: string; text: string }> = [];
    const visit = (node: ts.Node): void => {
      const text = literalText(node);
      if (text !== undefined) found.push({ file, text });
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });
}

describe('scoping by area', () => {
  const { tables, parentKeys } = areaOwnedSchema();
  const sql = sqlTexts();
  const { local, exported } = scopingFunctions();
  const readsAreaOwned = (text: string): string[] =>
    [...text.matchAll(/\b(?:FROM|JOIN)\s+(\w+)/g)].map((match) => match[1]!).filter((table) => tables.has(table));
  const keys = [...parentKeys, 'id'].join('|');
  const keyed = new RegExp(`\\b(?:\\w+\\.)?(?:${keys})\\s*=\\s*(?:ANY\\s*\\(\\s*)?(?:\\$\\d|\\$\\{)`);
  const allows = (key: string, entry: SqlText): boolean => {
    const [path, owner] = key.split(' ');
    return (entry.file === path || entry.file.startsWith(`${path}/`)) && (!owner || entry.owner === owner);
  };
  const entryOf = new Map(sql.map((entry) => [entry.node, entry]));
  const scopedAt = (file: string, node: ts.Node): boolean => {
    const mine = local.get(file) ?? new Set<string>();
    const applies = (calls: Set<string>) => [...calls].some((call) => SCOPING_CALLS.has(call) || mine.has(call) || exported.has(call));
    return applies(callsIn(node)) || enclosingFunctions(node).some((fn) => applies(callsIn(fn)));
  };
  /**
   * A fragment (`const COLUMNS = \`... (SELECT ... FROM duties d WHERE d.journey_id = c.journey_id)\``) is
   * as scoped as the queries it is spliced into: every use of it must be in a scoped or keyed one.
   */
  const scopedFragment = (entry: SqlText, depth = 0): boolean => {
    const declaration = entry.node.parent;
    if (depth > 3 || !ts.isVariableDeclaration(declaration) || enclosingFunctions(entry.node).length > 0) return false;
    const name = declaration.name.getText();
    const uses: ts.Node[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node.text === name && node !== declaration.name) uses.push(node);
      ts.forEachChild(node, visit);
    };
    visit(entry.node.getSourceFile());
    return uses.length > 0 && uses.every((use) => {
      let outer: ts.Node | undefined = use.parent;
      while (outer && !entryOf.has(outer)) outer = outer.parent;
      const host = outer ? entryOf.get(outer)! : undefined;
      return host ? keyed.test(host.text) || scoped(host, depth + 1) : scopedAt(entry.file, use);
    });
  };
  const scoped = (entry: SqlText, depth = 0): boolean => scopedAt(entry.file, entry.node) || scopedFragment(entry, depth);
  const unscoped = sql.filter((entry) => readsAreaOwned(entry.text).length > 0 && !keyed.test(entry.text) && !scoped(entry));

  it('finds the area-owned tables in the migrations', () => {
    expect([...tables]).toEqual(expect.arrayContaining(['journeys', 'people', 'crimes', 'duties', 'journey_events', 'hearings', 'contact_attempts', 'witness_care_cases']));
    expect([...parentKeys]).toEqual(expect.arrayContaining(['journey_id', 'crime_id', 'person_id', 'hearing_id']));
    expect(parentKeys.has('area_id')).toBe(false);
  });

  it('has no area condition written by hand', () => {
    const handWritten = allLiterals()
      .filter((entry) => /\barea_id\s*(?:=\s*ANY\s*\(|IN\s*\()/i.test(entry.text))
      .map((entry) => `${entry.file}: ${entry.text.trim().slice(0, 80)}`);
    expect(handWritten).toEqual([]);
  });

  it('reads area-owned tables only in the caller’s scope, keyed through an aggregate root, or as allowed', () => {
    const found = unscoped
      .filter((entry) => !Object.keys(ALLOWED).some((key) => allows(key, entry)))
      .map((entry) => `${entry.file} ${entry.owner}: ${readsAreaOwned(entry.text).join(', ')}`);
    expect(found).toEqual([]);
  });

  it('keeps the allow-list to entries that still allow something', () => {
    expect(Object.keys(ALLOWED).filter((key) => !unscoped.some((entry) => allows(key, entry)))).toEqual([]);
  });
});
