import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '../../src/access/roles.js';
import { Fixtures, type TestUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  nullable?: boolean;
};

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  roles: Role[] | 'any' | undefined;
  isPublic: boolean;
  parameters: Parameter[];
  body?: { type: 'json'; schema: Schema } | { type: 'csv' };
}

interface Request {
  query: Record<string, string>;
  pathId?: string;
  contentType?: string;
  body?: string | Buffer;
}

type CaseName =
  | 'malformed JSON'
  | 'deep nesting'
  | 'NUL bytes'
  | 'overlong strings'
  | 'wrong types'
  | 'unknown fields'
  | 'impossible dates'
  | 'wrong content-type';

const CASES: CaseName[] = ['malformed JSON', 'deep nesting', 'NUL bytes', 'overlong strings', 'wrong types', 'unknown fields', 'impossible dates', 'wrong content-type'];
const MISSING_ID = '3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c';
const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Audit actions that record a change: a refused request may log a denial, never one of these. */
const WRITE_ACTIONS = ['create', 'update', 'delete', 'import', 'password_changed', 'password_reset', 'user_created', 'user_updated', 'logout', 'login'];

/**
 * Issue 18: every route of the OpenAPI document (so a new route is covered the day it is
 * added) gets the same hostile inputs, in its body, query or path: each must be a 4xx
 * problem+json, never a 5xx, and must write nothing. One app; sessions minted, not signed in.
 */
describe('the bad-input matrix over every route', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, Schema> } };
  let operations: Operation[];
  const users = new Map<Role, TestUser>();
  let fixtures: Fixtures;
  let apiKey = '';
  let countsSql = '';
  let clevelandId = '';
  let organisationId = '';

  const resolve = (schema: Schema | undefined): Schema => {
    let current = schema ?? {};
    for (let hops = 0; current.$ref && hops < 10; hops += 1) current = document.components.schemas[current.$ref.split('/').pop()!] ?? {};
    if (current.allOf) return current.allOf.map(resolve).reduce((merged, part) => ({ ...merged, ...part, properties: { ...merged.properties, ...part.properties } }), {} as Schema);
    if (current.oneOf || current.anyOf) return resolve((current.oneOf ?? current.anyOf)![0]);
    return current;
  };

  const isFreeText = (schema: Schema) => schema.type === 'string' && !schema.format && !schema.enum && !schema.pattern;

  /**
   * A value for `schema`: `leaf` may replace any value (return undefined to keep the plain
   * sample), so each case changes one kind of field and leaves the rest well formed.
   */
  const sample = (raw: Schema | undefined, leaf: (schema: Schema) => unknown, depth = 0, name = ''): unknown => {
    const schema = resolve(raw);
    const replaced = leaf(schema);
    if (replaced !== undefined) return replaced;
    // Real areas and organisations, so a request gets past "not one of your areas" to what it does with the rest.
    if (name === 'areaId' && schema.type === 'string') return clevelandId;
    if (name === 'areaIds' && schema.type === 'array') return [clevelandId];
    if (name === 'organisationId' && schema.type === 'string') return organisationId;
    if (schema.enum) return schema.enum[0];
    if (schema.properties || schema.type === 'object') {
      if (depth > 6) return {};
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, sample(property, leaf, depth + 1, key)]));
    }
    switch (schema.type) {
      case 'array':
        return depth > 6 ? [] : [sample(schema.items, leaf, depth + 1)];
      case 'integer':
      case 'number':
        return Math.max(schema.minimum ?? 1, 1);
      case 'boolean':
        return true;
      case 'string':
        if (schema.format === 'uuid') return MISSING_ID;
        if (schema.format === 'date') return '2026-04-01';
        if (schema.format === 'date-time') return '2026-04-01T10:00:00Z';
        if (schema.format === 'email') return 'someone@test.invalid';
        return 'text';
      default:
        return 'text';
    }
  };

  const leaves = (raw: Schema | undefined, depth = 0): Schema[] => {
    const schema = resolve(raw);
    if (depth > 6) return [];
    if (schema.properties) return Object.values(schema.properties).flatMap((property) => leaves(property, depth + 1));
    if (schema.type === 'array') return leaves(schema.items, depth + 1);
    return [schema];
  };

  const wrongTypeOf = (schema: Schema): unknown => {
    if (schema.properties || schema.type === 'object') return 'not-an-object';
    if (schema.type === 'array') return 'not-an-array';
    if (schema.type === 'integer' || schema.type === 'number') return 'not-a-number';
    if (schema.type === 'boolean') return 'yes';
    return 12345;
  };

  const wrongQueryValue = (schema: Schema): string | undefined => {
    if (schema.enum) return 'not-one-of-them';
    if (schema.type === 'integer' || schema.type === 'number') return 'not-a-number';
    if (schema.type === 'boolean') return 'maybe';
    if (schema.format === 'uuid') return 'not-a-uuid';
    if (schema.format === 'date' || schema.format === 'date-time') return 'yesterday';
    return undefined;
  };

  const impossibleDate = (schema: Schema): string | undefined =>
    schema.format === 'date' ? '2026-02-30' : schema.format === 'date-time' ? '2026-02-30T10:00:00Z' : undefined;

  const queryParams = (operation: Operation) => operation.parameters.filter((parameter) => parameter.in === 'query');

  /** Valid values for the required query parameters, then `replace` for any it gives. */
  const query = (operation: Operation, replace: (parameter: Parameter, schema: Schema) => string | undefined = () => undefined): Record<string, string> => {
    const values: Record<string, string> = {};
    for (const parameter of queryParams(operation)) {
      const schema = resolve(parameter.schema);
      const replaced = replace(parameter, schema);
      if (replaced !== undefined) values[parameter.name] = replaced;
      else if (parameter.required) values[parameter.name] = String(sample(schema, () => undefined));
    }
    return values;
  };

  /** The request for a case, or null where the case does not apply to the route. */
  const requestFor = (operation: Operation, name: CaseName): Request | null => {
    const hasBody = BODY_METHODS.includes(operation.method);
    const json = operation.body?.type === 'json' ? operation.body.schema : undefined;
    const jsonBody = (value: unknown): Request => ({ query: query(operation), contentType: 'application/json', body: JSON.stringify(value) });
    const params = queryParams(operation);
    switch (name) {
      case 'malformed JSON':
        return hasBody ? { query: query(operation), contentType: 'application/json', body: '{"givenName": "Ann", ' } : null;
      case 'deep nesting':
        return hasBody ? { query: query(operation), contentType: 'application/json', body: `{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}` } : null;
      case 'wrong content-type':
        return hasBody ? { query: query(operation), contentType: 'application/x-www-form-urlencoded', body: 'givenName=Ann&familyName=Example' } : null;
      case 'NUL bytes': {
        // In free text, so the rest of the request is well formed and the NUL meets the database.
        if (json && leaves(json).some(isFreeText)) return jsonBody(sample(json, (schema) => (isFreeText(schema) ? 'a\u0000b' : undefined)));
        if (json) return jsonBody(sample(json, (schema) => (schema.type === 'string' ? 'a\u0000b' : undefined)));
        if (hasBody && operation.body?.type !== 'csv') return jsonBody({ note: 'a\u0000b' });
        const strings = params.filter((parameter) => resolve(parameter.schema).type === 'string');
        if (strings.length > 0) return { query: query(operation, (parameter, schema) => (schema.type === 'string' ? `a\u0000b` : undefined)) };
        if (operation.path.includes('{')) return { query: query(operation), pathId: '%00' };
        return null;
      }
      case 'overlong strings': {
        if (json && leaves(json).some(isFreeText)) return jsonBody(sample(json, (schema) => (isFreeText(schema) ? 'x'.repeat(20_000) : undefined)));
        if (params.some((parameter) => isFreeText(resolve(parameter.schema)))) {
          return { query: query(operation, (_parameter, schema) => (isFreeText(schema) ? 'x'.repeat(4_000) : undefined)) };
        }
        return null;
      }
      case 'wrong types': {
        const properties = json ? resolve(json).properties : undefined;
        if (properties && Object.keys(properties).length > 0) {
          return jsonBody(Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, wrongTypeOf(resolve(property))])));
        }
        if (json) return jsonBody('a string where an object belongs');
        if (params.some((parameter) => wrongQueryValue(resolve(parameter.schema)) !== undefined)) {
          return { query: query(operation, (_parameter, schema) => wrongQueryValue(schema)) };
        }
        return null;
      }
      case 'unknown fields':
        if (json && resolve(json).properties) return jsonBody({ ...(sample(json, () => undefined) as object), unexpectedField: 'x' });
        if (params.length > 0) return { query: { ...query(operation), unexpectedParam: 'x' } };
        return null;
      case 'impossible dates':
        if (json && leaves(json).some((schema) => impossibleDate(schema) !== undefined)) return jsonBody(sample(json, impossibleDate));
        if (params.some((parameter) => impossibleDate(resolve(parameter.schema)) !== undefined)) {
          return { query: query(operation, (_parameter, schema) => impossibleDate(schema)) };
        }
        return null;
    }
  };

  /** Fresh per route, so a route that ended its session could not spoil the next ones. */
  const credentialsFor = async (operation: Operation): Promise<Record<string, string>> => {
    if (operation.isPublic) return {};
    const roles = operation.roles === 'any' ? (['caseworker'] as Role[]) : (operation.roles ?? []);
    const role = roles.find((candidate) => candidate !== 'partner_system') ?? roles[0];
    if (role === 'partner_system') return { 'x-api-key': apiKey };
    return { authorization: (await fixtures.session(users.get(role)!)).bearer };
  };

  const send = (operation: Operation, request: Request, credentials: Record<string, string>) => {
    const path = operation.path.replace(/\{[^}]+\}/g, request.pathId ?? MISSING_ID);
    const call = t.http()[operation.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path).query(request.query);
    for (const [name, value] of Object.entries(credentials)) call.set(name, value);
    // A stale but well-formed If-Match, so a refusal is never for the want of one.
    call.set('if-match', '"1"').set('idempotency-key', 'bad-input-matrix-0001');
    if (request.contentType) call.set('content-type', request.contentType);
    return request.body === undefined ? call : call.send(request.body);
  };

  const counts = async (): Promise<Record<string, number | string>> => (await t.dataSource.query(countsSql))[0];

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-01T09:00:00Z') });
    fixtures = new Fixtures(t);
    document = (await t.http().get('/docs/openapi.json')).body;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => {
        const content = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
        const body = content['application/json']?.schema ? { type: 'json' as const, schema: content['application/json'].schema } : content['text/csv'] ? { type: 'csv' as const } : undefined;
        return {
          method: method.toUpperCase(),
          path,
          roles: operation['x-roles'] as Role[] | 'any' | undefined,
          isPublic: operation['x-public'] === true,
          parameters: (operation.parameters as Parameter[] | undefined) ?? [],
          body,
        };
      }),
    );
    clevelandId = await fixtures.areaId('cleveland');
    organisationId = await fixtures.organisationId('victim_care_service');
    for (const role of ROLES) {
      if (role === 'partner_system') apiKey = (await fixtures.partnerClient()).apiKey;
      else users.set(role, await fixtures.user({ roles: [role], areas: ['cleveland'] }));
    }
    const tables: Array<{ name: string }> = await t.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migrations', 'audit_log') ORDER BY 1`,
    );
    // Each table's row count and a sum of its rows' hashes: an UPDATE changes no count, but
    // it changes the sum, so a refused request that edited a row is caught too.
    countsSql = `SELECT ${[
      ...tables.map(({ name }) => `(SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM "${name}" t) AS "${name}"`),
      `(SELECT count(*)::int FROM audit_log WHERE action = ANY ('{${WRITE_ACTIONS.join(',')}}'::text[])) AS "audit_log writes"`,
    ].join(', ')}`;
  });
  afterAll(() => t.close());

  it('answers every hostile input to every route with a 4xx problem+json, never a 5xx, and writes nothing', async () => {
    const failures: string[] = [];
    const applied = new Map<CaseName, number>(CASES.map((name) => [name, 0]));
    let requests = 0;
    const atStart = await counts();
    for (const operation of operations) {
      const credentials = await credentialsFor(operation);
      // Per route where a body could write (rows added, removed or changed), to name the route; reads are checked over the whole run.
      const writes = BODY_METHODS.includes(operation.method);
      const before = writes ? await counts() : undefined;
      for (const name of CASES) {
        const request = requestFor(operation, name);
        if (!request) continue;
        applied.set(name, applied.get(name)! + 1);
        requests += 1;
        const response = await send(operation, request, credentials);
        const label = `${operation.method} ${operation.path} [${name}] -> ${response.status} ${response.body?.code ?? ''}`;
        const problemJson = String(response.headers['content-type']).startsWith('application/problem+json');
        // A refused credential would hide what the route does with the input: the caller is
        // always one the route admits (a public route may still refuse the credentials sent).
        const refusedCaller = (response.status === 401 && !operation.isPublic) || response.body?.code === 'ROLE_NOT_ALLOWED';
        const expected = refusedCaller
          ? false
          : name === 'wrong content-type' ? response.status === 415 : name === 'malformed JSON' || name === 'deep nesting' ? response.status === 400 : response.status >= 400 && response.status < 500;
        if (!expected || !problemJson) failures.push(label);
      }
      if (before) {
        const after = await counts();
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (changed.length > 0) failures.push(`${operation.method} ${operation.path} wrote to ${changed.join(', ')}`);
      }
    }
    // Sessions minted for the walk are the only rows it may add.
    const atEnd = await counts();
    const changed = Object.keys(atEnd).filter((table) => table !== 'refresh_tokens' && atEnd[table] !== atStart[table]);
    if (changed.length > 0) failures.push(`the walk wrote to ${changed.join(', ')}`);
    // The size of the matrix, for the record (issue 18 asks for it).
    process.stdout.write(
      `bad-input matrix: ${operations.length} routes x ${CASES.length} cases, ${requests} requests (${[...applied].map(([name, count]) => `${name}: ${count}`).join(', ')})\n`,
    );
    expect(failures).toEqual([]);
    expect(operations.length).toBeGreaterThan(100);
    for (const name of CASES) expect(applied.get(name)).toBeGreaterThan(0);
  }, 300_000);
});
