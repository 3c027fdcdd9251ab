import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '../../src/access/roles.js';
import { Fixtures, type TestUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  method: string;
  path: string;
  roles: Role[] | 'any' | undefined;
  isPublic: boolean;
}

const EXPECTED_PUBLIC = ['GET /health/live', 'GET /health/ready', 'POST /api/v1/auth/login', 'POST /api/v1/auth/refresh'];

/**
 * Walks every operation of the OpenAPI document (so a new route is covered the day it is
 * added): without credentials each protected route is a 401; with each role it is a 403
 * exactly when the route does not admit that role.
 */
describe('every route checks who may call it', () => {
  let t: TestApp;
  let operations: Operation[];
  const users = new Map<Role, TestUser>();
  let apiKey = '';
  let fixtures: Fixtures;

  /** Fresh credentials per call: walking sign-out or password change must not spoil the next call. */
  const credentialsOf = async (role: Role): Promise<Record<string, string>> =>
    role === 'partner_system' ? { 'x-api-key': apiKey } : { authorization: (await fixtures.session(users.get(role)!)).bearer };

  beforeAll(async () => {
    t = await startTestApp();
    fixtures = new Fixtures(t);
    const document = (await t.http().get('/docs/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-roles'?: Role[] | 'any'; 'x-public'?: boolean }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        roles: operation['x-roles'],
        isPublic: operation['x-public'] === true,
      })),
    );
    for (const role of ROLES) {
      if (role === 'partner_system') apiKey = (await fixtures.partnerClient()).apiKey;
      else users.set(role, await fixtures.user({ roles: [role] }));
    }
  });
  afterAll(() => t.close());

  const call = (operation: Operation, headers: Record<string, string>) => {
    const url = operation.path.replace(/\{[^}]+\}/g, '3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c');
    const request = t.http()[operation.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url);
    for (const [name, value] of Object.entries(headers)) request.set(name, value);
    return ['POST', 'PATCH', 'PUT'].includes(operation.method) ? request.send({}) : request;
  };

  it('has exactly the expected public routes, and every other route declares its roles', () => {
    const publicRoutes = operations.filter((o) => o.isPublic).map((o) => `${o.method} ${o.path}`);
    expect(publicRoutes.sort()).toEqual([...EXPECTED_PUBLIC].sort());
    const undeclared = operations.filter((o) => !o.isPublic && o.roles === undefined).map((o) => `${o.method} ${o.path}`);
    expect(undeclared).toEqual([]);
    expect(operations.length).toBeGreaterThan(EXPECTED_PUBLIC.length);
  });

  it('lets a commissioner reach the reports and, besides them, only what every signed-in user may', () => {
    const forCommissioners = operations.filter((o) => Array.isArray(o.roles) && o.roles.includes('commissioner')).map((o) => `${o.method} ${o.path}`);
    expect(forCommissioners.length).toBeGreaterThanOrEqual(5);
    // Besides reports, only reference data that holds no personal data: the courts' trial reason codes the reports count.
    const referenceData = ['GET /api/v1/courts/effectiveness-reasons'];
    expect(forCommissioners.filter((route) => !route.startsWith('GET /api/v1/reports/') && !referenceData.includes(route))).toEqual([]);
    // Protected aggregates only: the record-level breach list is the owning organisation's supervisors'.
    expect(forCommissioners).not.toContain('GET /api/v1/reports/code-compliance/breaches');
    expect(operations.find((o) => o.path === '/api/v1/reports/code-compliance/breaches')?.roles).toEqual(['supervisor']);
    // Own session and reference data only: no route open to any role holds personal data.
    const forAnyone = operations.filter((o) => o.roles === 'any').map((o) => `${o.method} ${o.path}`);
    expect(forAnyone.sort()).toEqual(
      ['GET /api/v1/areas', 'GET /api/v1/auth/me', 'GET /api/v1/organisations', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password'].sort(),
    );
  });

  it('answers 401 to every protected route without credentials', async () => {
    const failures: string[] = [];
    for (const operation of operations.filter((o) => !o.isPublic)) {
      const response = await call(operation, {});
      if (response.status !== 401) failures.push(`${operation.method} ${operation.path} -> ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 exactly to the roles a route does not admit', async () => {
    const failures: string[] = [];
    for (const operation of operations.filter((o) => !o.isPublic)) {
      for (const role of ROLES) {
        const admitted = operation.roles === 'any' || (operation.roles ?? []).includes(role);
        const response = await call(operation, await credentialsOf(role));
        const refused = response.status === 403 && response.body.code === 'ROLE_NOT_ALLOWED';
        if (admitted === refused || response.status === 401) {
          failures.push(`${operation.method} ${operation.path} as ${role} -> ${response.status} (${admitted ? 'admitted' : 'not admitted'})`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
