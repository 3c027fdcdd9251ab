import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { updateVersioned } from '../database/versioned-update.js';
import { newApiKey, newTemporaryPassword } from './credentials.js';
import type {
  AreaResponse,
  CreatedUserResponse,
  CreateOrganisationRequest,
  CreateUserRequest,
  OrganisationResponse,
  UpdateUserRequest,
  UserResponse,
} from './dto/user.dto.js';
import type { Organisation } from './entities/organisation.entity.js';
import { IdentityError } from './identity.errors.js';
import { PasswordHasher } from './password-hasher.js';
import type { Role } from '../access/roles.js';
import { type UserWithAreas, UsersRepository } from './users.repository.js';

export function toUserResponse({ user, areaIds }: UserWithAreas): UserResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    organisationId: user.organisationId,
    roles: user.roles,
    areaIds,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabledAt !== null,
    supervisorId: user.supervisorId,
    awayUntil: user.awayUntil,
    deputyId: user.deputyId,
    lastLoginAt: user.lastLoginAt,
    version: user.version,
  };
}

function toOrganisationResponse(organisation: Organisation): OrganisationResponse {
  return { id: organisation.id, name: organisation.name, kind: organisation.kind, teamEmail: organisation.teamEmail };
}

/** Admin work on accounts: create, change roles and areas, disable, reset passwords. */
@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor | null, request: CreateUserRequest): Promise<CreatedUserResponse> {
    const email = request.email.toLowerCase();
    const isMachine = request.roles.includes('partner_system');
    if (isMachine && request.roles.length > 1) {
      throw validationFailed([{ field: 'roles', message: 'partner_system cannot be combined with other roles' }]);
    }
    const temporaryPassword = isMachine ? undefined : newTemporaryPassword();
    const apiKey = isMachine ? newApiKey() : undefined;
    const passwordHash = temporaryPassword ? await this.hasher.hash(temporaryPassword) : null;

    return this.transactions.run(async (tx) => {
      await this.checkReferences(tx, request.organisationId, request.areaIds, request.supervisorId);
      if (await this.users.findByEmail(tx, email)) throw IdentityError.of('EMAIL_TAKEN');
      const now = this.clock.now();
      const user = await this.users.insert(
        tx,
        {
          email,
          displayName: request.displayName,
          organisationId: request.organisationId,
          roles: request.roles,
          passwordHash,
          mustChangePassword: !isMachine,
          sessionsValidAfter: now,
          disabledAt: null,
          lastLoginAt: null,
          apiKeyPrefix: apiKey?.prefix ?? null,
          apiKeyHash: apiKey?.hash ?? null,
          supervisorId: request.supervisorId ?? null,
        },
        request.areaIds,
      );
      await this.audit.record(tx, actor, {
        action: 'user_created',
        entityType: 'user',
        entityId: user.id,
        details: { roles: request.roles, areaIds: request.areaIds },
      });
      return {
        user: toUserResponse({ user, areaIds: [...request.areaIds].sort() }),
        ...(temporaryPassword ? { temporaryPassword } : {}),
        ...(apiKey ? { apiKey: apiKey.key } : {}),
      };
    });
  }

  async list(limit: number, offset: number): Promise<{ items: UserResponse[]; total: number }> {
    const { items, total } = await this.users.list(this.transactions.manager, { limit, offset });
    return { items: items.map(toUserResponse), total };
  }

  async get(id: string): Promise<UserResponse> {
    const found = await this.users.findById(this.transactions.manager, id);
    if (!found) throw notFound('The user');
    return toUserResponse(found);
  }

  async update(actor: Actor, id: string, expectedVersion: number, request: UpdateUserRequest): Promise<UserResponse> {
    return this.transactions.run(async (tx) => {
      const found = await this.users.findById(tx, id);
      if (!found) throw notFound('The user');
      if (request.areaIds) await this.checkReferences(tx, found.user.organisationId, request.areaIds);
      if (request.roles) this.checkRoleChange(found.user.roles, request.roles);
      await this.keepAnAdmin(tx, found.user.roles, request);
      const now = this.clock.now();
      const changes: Record<string, unknown> = {};
      if (request.displayName !== undefined) changes.display_name = request.displayName;
      if (request.roles !== undefined) changes.roles = request.roles;
      if (request.disabled !== undefined) changes.disabled_at = request.disabled ? now : null;
      await this.checkPeople(tx, id, request);
      if (request.supervisorId !== undefined) changes.supervisor_id = request.supervisorId;
      if (request.deputyId !== undefined) changes.deputy_id = request.deputyId;
      if (request.awayUntil !== undefined) changes.away_until = request.awayUntil === null ? null : new Date(request.awayUntil);
      // Any change of what a user may see ends their sessions, so it takes effect at once.
      if (request.roles || request.areaIds || request.disabled) changes.sessions_valid_after = now;
      await updateVersioned(tx, { table: 'users', id, expectedVersion, changes, what: 'The user' });
      if (request.areaIds) await this.users.replaceAreas(tx, id, request.areaIds);
      if (changes.sessions_valid_after) await this.users.revokeAllSessions(tx, id, now);
      await this.audit.record(tx, actor, {
        action: 'user_updated',
        entityType: 'user',
        entityId: id,
        details: { fields: Object.keys(request).filter((key) => request[key as keyof UpdateUserRequest] !== undefined) },
      });
      return toUserResponse((await this.users.findById(tx, id))!);
    });
  }

  async resetPassword(actor: Actor, id: string): Promise<{ temporaryPassword: string }> {
    const temporaryPassword = newTemporaryPassword();
    const passwordHash = await this.hasher.hash(temporaryPassword);
    return this.transactions.run(async (tx) => {
      const found = await this.users.findById(tx, id);
      if (!found) throw notFound('The user');
      if (found.user.roles.includes('partner_system')) {
        throw validationFailed([{ field: 'id', message: 'partner_system clients use API keys, not passwords' }]);
      }
      await this.users.setPassword(tx, id, passwordHash, true, this.clock.now());
      await this.audit.record(tx, actor, { action: 'password_reset', entityType: 'user', entityId: id });
      return { temporaryPassword };
    });
  }

  /** Housekeeping: refresh tokens that expired before `before` (kept until then to detect late replays). */
  purgeExpiredSessions(before: Date): Promise<number> {
    return this.transactions.run((tx) => this.users.deleteExpiredRefreshTokens(tx, before));
  }

  async listAreas(): Promise<AreaResponse[]> {
    const areas = await this.users.listAreas(this.transactions.manager);
    return areas.map(({ id, code, name }) => ({ id, code, name }));
  }

  async listOrganisations(): Promise<OrganisationResponse[]> {
    return (await this.users.listOrganisations(this.transactions.manager)).map(toOrganisationResponse);
  }

  async createOrganisation(request: CreateOrganisationRequest): Promise<OrganisationResponse> {
    return this.transactions.run(async (tx) =>
      toOrganisationResponse(
        await this.users.insertOrganisation(tx, { name: request.name, kind: request.kind, teamEmail: request.teamEmail ?? null }),
      ),
    );
  }

  /** Someone must remain who can manage accounts: the last enabled admin keeps the role. */
  private async keepAnAdmin(tx: EntityManager, current: Role[], request: UpdateUserRequest): Promise<void> {
    const losesAdmin = (request.roles !== undefined && !request.roles.includes('admin')) || request.disabled === true;
    if (!current.includes('admin') || !losesAdmin) return;
    const admins = await this.users.lockEnabledAdmins(tx);
    if (admins.length <= 1) throw IdentityError.of('LAST_ADMIN');
  }

  /** A supervisor or deputy is another known user. */
  private async checkPeople(tx: EntityManager, id: string, request: UpdateUserRequest): Promise<void> {
    for (const field of ['supervisorId', 'deputyId'] as const) {
      const other = request[field];
      if (!other) continue;
      if (other === id) throw validationFailed([{ field, message: 'cannot be the user themself' }]);
      if (!(await this.users.findById(tx, other))) throw validationFailed([{ field, message: 'is not a known user' }]);
    }
  }

  private checkRoleChange(current: Role[], next: Role[]): void {
    if (current.includes('partner_system') !== next.includes('partner_system')) {
      throw validationFailed([{ field: 'roles', message: 'a person cannot become a partner_system client or the reverse' }]);
    }
  }

  private async checkReferences(tx: EntityManager, organisationId: string, areaIds: string[], supervisorId?: string): Promise<void> {
    if (!(await this.users.findOrganisation(tx, organisationId))) throw IdentityError.of('UNKNOWN_ORGANISATION');
    const existing = await this.users.existingAreaIds(tx, areaIds);
    const unknown = areaIds.filter((id) => !existing.includes(id));
    if (unknown.length) {
      throw validationFailed(unknown.map((id) => ({ field: `areaIds[${areaIds.indexOf(id)}]`, message: 'is not a known area' })));
    }
    if (supervisorId && !(await this.users.findById(tx, supervisorId))) {
      throw validationFailed([{ field: 'supervisorId', message: 'is not a known user' }]);
    }
  }
}
