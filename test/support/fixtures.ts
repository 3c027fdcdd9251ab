import { randomBytes, randomUUID } from 'node:crypto';
import { Area } from '../../src/identity/entities/area.entity.js';
import { PasswordHasher } from '../../src/identity/password-hasher.js';
import type { Role } from '../../src/access/roles.js';
import type { OrganisationKind } from '../../src/identity/organisation-kinds.js';
import { UsersRepository } from '../../src/identity/users.repository.js';
import { newApiKey } from '../../src/identity/credentials.js';
import { SessionIssuer } from '../../src/identity/session-issuer.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'a-long-test-password-1234';

/** argon2id of TEST_PASSWORD, hashed once per test file rather than once per user. */
let testPasswordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  roles: Role[];
  areaIds: string[];
  organisationId: string;
}

export interface SignedInUser extends TestUser {
  accessToken: string;
  refreshToken: string;
  /** Authorization header value. */
  bearer: string;
}

/** Builders for the records tests need, made through the app's own repositories. */
export class Fixtures {
  private organisations = new Map<string, string>();

  constructor(private readonly testApp: TestApp) {}

  private get tx() {
    return this.testApp.dataSource.manager;
  }

  async areaId(code: 'cleveland' | 'durham'): Promise<string> {
    const area = await this.tx.findOneOrFail(Area, { where: { code } });
    return area.id;
  }

  async organisationId(kind: OrganisationKind = 'victim_care_service'): Promise<string> {
    const known = this.organisations.get(kind);
    if (known) return known;
    const users = this.testApp.app.get(UsersRepository);
    const organisation = await users.insertOrganisation(this.tx, { name: `Test ${kind} ${randomBytes(3).toString('hex')}`, kind, teamEmail: null });
    this.organisations.set(kind, organisation.id);
    return organisation.id;
  }

  async user(options: { roles: Role[]; areas?: Array<'cleveland' | 'durham'>; mustChangePassword?: boolean; kind?: OrganisationKind } ): Promise<TestUser> {
    const users = this.testApp.app.get(UsersRepository);
    const hasher = this.testApp.app.get(PasswordHasher);
    const areaIds = await Promise.all((options.areas ?? ['cleveland']).map((code) => this.areaId(code)));
    const organisationId = await this.organisationId(options.kind);
    const email = `${options.roles[0]}-${randomBytes(4).toString('hex')}@test.invalid`;
    const user = await users.insert(
      this.tx,
      {
        email,
        displayName: `Test ${options.roles.join(' ')}`,
        organisationId,
        roles: options.roles,
        passwordHash: await (testPasswordHash ??= hasher.hash(TEST_PASSWORD)),
        mustChangePassword: options.mustChangePassword ?? false,
        sessionsValidAfter: new Date(this.testApp.clock.now().getTime() - 60_000),
        disabledAt: null,
        lastLoginAt: null,
        apiKeyPrefix: null,
        apiKeyHash: null,
        supervisorId: null,
      },
      areaIds,
    );
    return { id: user.id, email, password: TEST_PASSWORD, roles: options.roles, areaIds, organisationId };
  }

  async partnerClient(areas: Array<'cleveland' | 'durham'> = ['cleveland']): Promise<TestUser & { apiKey: string }> {
    const users = this.testApp.app.get(UsersRepository);
    const areaIds = await Promise.all(areas.map((code) => this.areaId(code)));
    const organisationId = await this.organisationId('police_force');
    const apiKey = newApiKey();
    const email = `partner-${randomBytes(4).toString('hex')}@test.invalid`;
    const user = await users.insert(
      this.tx,
      {
        email,
        displayName: 'Test police feed',
        organisationId,
        roles: ['partner_system'],
        passwordHash: null,
        mustChangePassword: false,
        sessionsValidAfter: this.testApp.clock.now(),
        disabledAt: null,
        lastLoginAt: null,
        apiKeyPrefix: apiKey.prefix,
        apiKeyHash: apiKey.hash,
        supervisorId: null,
      },
      areaIds,
    );
    return { id: user.id, email, password: '', roles: ['partner_system'], areaIds, organisationId, apiKey: apiKey.key };
  }

  /**
   * A session for a user whose sign-in is not what the test is about: its tokens are
   * issued as a sign-in issues them (same signer, refresh token family, expiry) without
   * the password check or the HTTP round trip. Tests of signing in use `login`.
   */
  async session(user: TestUser): Promise<SignedInUser> {
    const users = this.testApp.app.get(UsersRepository);
    const issuer = this.testApp.app.get(SessionIssuer);
    const found = await users.findById(this.tx, user.id);
    if (!found) throw new Error(`no user ${user.id}`);
    const tokens = await issuer.issue(this.tx, found.user, randomUUID(), this.testApp.clock.now());
    return { ...user, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, bearer: `Bearer ${tokens.accessToken}` };
  }

  /** Signs in over HTTP (`POST /auth/login`), as a person does. */
  async login(user: TestUser): Promise<SignedInUser> {
    const response = await this.testApp.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { ...user, accessToken: response.body.accessToken, refreshToken: response.body.refreshToken, bearer: `Bearer ${response.body.accessToken}` };
  }

  async signedIn(roles: Role[], areas: Array<'cleveland' | 'durham'> = ['cleveland']): Promise<SignedInUser> {
    return this.session(await this.user({ roles, areas }));
  }
}
