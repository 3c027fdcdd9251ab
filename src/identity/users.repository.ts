import { Injectable } from '@nestjs/common';
import { EntityRows } from '../access/entity-rows.js';
import type { EntityManager } from 'typeorm';
import { Area } from './entities/area.entity.js';
import { Organisation } from './entities/organisation.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { UserArea } from './entities/user-area.entity.js';
import { User } from './entities/user.entity.js';

export interface UserWithAreas {
  user: User;
  areaIds: string[];
}

/** Users, their areas and sessions. Identity data is not area-owned, so it is not area-scoped. */
@Injectable()
export class UsersRepository {
  async findById(tx: EntityManager, id: string): Promise<UserWithAreas | null> {
    const user = await tx.findOne(User, { where: { id } });
    return user ? { user, areaIds: await this.areaIdsOf(tx, id) } : null;
  }

  /**
   * The user of a token or web session, their areas and whether the session family is still
   * active, in one round trip: it runs before every authenticated request.
   */
  async findWithSession(tx: EntityManager, userId: string, familyId: string): Promise<(UserWithAreas & { familyActive: boolean }) | null> {
    const extra =
      'ARRAY(SELECT ua.area_id::text FROM user_areas ua WHERE ua.user_id = t.id) AS session_area_ids, ' +
      'EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.user_id = t.id AND r.revoked_at IS NULL) AS session_family_active';
    const [row]: Array<Record<string, unknown> & { session_area_ids: string[]; session_family_active: boolean }> = await tx.query(
      `${EntityRows.select(tx, User, extra)} WHERE t.id = $1`,
      [userId, familyId],
    );
    if (!row) return null;
    return { user: EntityRows.hydrate(tx, User, row), areaIds: [...row.session_area_ids].sort(), familyActive: row.session_family_active };
  }

  findByEmail(tx: EntityManager, email: string): Promise<User | null> {
    return tx.findOne(User, { where: { email: email.toLowerCase() } });
  }

  findByApiKeyPrefix(tx: EntityManager, prefix: string): Promise<User | null> {
    return tx.findOne(User, { where: { apiKeyPrefix: prefix } });
  }

  async areaIdsOf(tx: EntityManager, userId: string): Promise<string[]> {
    const rows = await tx.find(UserArea, { where: { userId } });
    return rows.map((row) => row.areaId).sort();
  }

  async list(tx: EntityManager, options: { limit: number; offset: number }): Promise<{ items: UserWithAreas[]; total: number }> {
    const [users, total] = await tx.findAndCount(User, { order: { email: 'ASC' }, take: options.limit, skip: options.offset });
    const areas = users.length
      ? await tx
          .createQueryBuilder(UserArea, 'ua')
          .where('ua.user_id IN (:...ids)', { ids: users.map((u) => u.id) })
          .getMany()
      : [];
    return {
      items: users.map((user) => ({
        user,
        areaIds: areas.filter((a) => a.userId === user.id).map((a) => a.areaId).sort(),
      })),
      total,
    };
  }

  async insert(tx: EntityManager, values: Partial<User>, areaIds: string[]): Promise<User> {
    const user = await tx.save(User, tx.create(User, values));
    await this.replaceAreas(tx, user.id, areaIds);
    return user;
  }

  async replaceAreas(tx: EntityManager, userId: string, areaIds: string[]): Promise<void> {
    await tx.delete(UserArea, { userId });
    if (areaIds.length) await tx.insert(UserArea, areaIds.map((areaId) => ({ userId, areaId })));
  }

  async setPassword(tx: EntityManager, userId: string, passwordHash: string, mustChange: boolean, at: Date): Promise<void> {
    await tx.update(User, { id: userId }, { passwordHash, mustChangePassword: mustChange, sessionsValidAfter: at });
    await this.revokeAllSessions(tx, userId, at);
  }

  async recordLogin(tx: EntityManager, userId: string, at: Date): Promise<void> {
    await tx.update(User, { id: userId }, { lastLoginAt: at });
  }

  // Sessions

  async insertRefreshToken(tx: EntityManager, token: Omit<RefreshToken, 'id' | 'usedAt' | 'revokedAt'>): Promise<void> {
    await tx.insert(RefreshToken, { ...token, usedAt: null, revokedAt: null });
  }

  /** Locks the token row so two concurrent refreshes with one token cannot both succeed. */
  findRefreshTokenForUpdate(tx: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return tx
      .createQueryBuilder(RefreshToken, 't')
      .setLock('pessimistic_write')
      .where('t.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  async markRefreshTokenUsed(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.update(RefreshToken, { id }, { usedAt: at });
  }

  async revokeFamily(tx: EntityManager, familyId: string, at: Date): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: at })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  /** Whether the session family is live and is this user's: a token naming another user's family is no session. */
  /**
   * Ids of the enabled admins, locked until the transaction ends, so two admins changing
   * each other at once cannot both take away the last admin.
   */
  async lockEnabledAdmins(tx: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM users WHERE 'admin' = ANY (roles) AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }

  async revokeAllSessions(tx: EntityManager, userId: string, at: Date): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: at })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  async deleteExpiredRefreshTokens(tx: EntityManager, before: Date): Promise<number> {
    const result = await tx
      .createQueryBuilder()
      .delete()
      .from(RefreshToken)
      .where('expires_at < :before', { before })
      .execute();
    return result.affected ?? 0;
  }

  // Reference data

  listAreas(tx: EntityManager): Promise<Area[]> {
    return tx.find(Area, { order: { name: 'ASC' } });
  }

  async existingAreaIds(tx: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await tx.createQueryBuilder(Area, 'a').where('a.id IN (:...ids)', { ids }).getMany();
    return rows.map((area) => area.id);
  }

  findOrganisation(tx: EntityManager, id: string): Promise<Organisation | null> {
    return tx.findOne(Organisation, { where: { id } });
  }

  listOrganisations(tx: EntityManager): Promise<Organisation[]> {
    return tx.find(Organisation, { order: { name: 'ASC' } });
  }

  insertOrganisation(tx: EntityManager, values: Partial<Organisation>): Promise<Organisation> {
    return tx.save(Organisation, tx.create(Organisation, values));
  }
}
