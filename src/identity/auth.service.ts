import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Actor } from '../access/actor.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { Clock } from '../app/clock.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { parseApiKey, sameHash, sha256 } from './credentials.js';
import type { User } from './entities/user.entity.js';
import { IdentityError } from './identity.errors.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher, passwordProblems } from './password-hasher.js';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type AccessClaims, SessionIssuer, type SessionTokens } from './session-issuer.js';
import { UsersRepository } from './users.repository.js';

export type { SessionTokens } from './session-issuer.js';


/** What a web session keeps of a sign-in: who, the session family, and when (epoch ms). */
export interface WebSessionStart {
  userId: string;
  familyId: string;
  issuedAt: number;
  mustChangePassword: boolean;
}

export interface Principal {
  user: User;
  areaIds: string[];
  sessionFamilyId: string | null;
}

/** Sign-in, sessions (short access token + rotating refresh token) and API keys. */
@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly sessions: SessionIssuer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, context: { address: string; requestId: string }): Promise<SessionTokens> {
    const lockedFor = await this.throttle.lockedFor(email, context.address);
    if (lockedFor > 0) throw IdentityError.of('ACCOUNT_LOCKED', undefined, { retryAfterSeconds: lockedFor });

    const user = await this.users.findByEmail(this.transactions.manager, email);
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !passwordOk || user.disabledAt) {
      await this.throttle.recordFailure(email, context.address);
      await this.transactions.run((tx) =>
        this.audit.record(tx, user ? this.actorFor(user, [], context.requestId, null) : null, {
          action: 'login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          details: { reason: !user ? 'unknown_email' : user.disabledAt ? 'disabled' : 'wrong_password' },
        }),
      );
      throw IdentityError.of('INVALID_CREDENTIALS');
    }
    await this.throttle.recordSuccess(email);
    return this.transactions.run(async (tx) => {
      const now = this.clock.now();
      await this.users.recordLogin(tx, user.id, now);
      await this.audit.record(tx, this.actorFor(user, [], context.requestId, null), {
        action: 'login',
        entityType: 'user',
        entityId: user.id,
      });
      return this.sessions.issue(tx, user, randomUUID(), now);
    });
  }

  async refresh(refreshToken: string, requestId: string): Promise<SessionTokens> {
    const outcome = await this.transactions.run(async (tx) => {
      const now = this.clock.now();
      const stored = await this.users.findRefreshTokenForUpdate(tx, sha256(refreshToken));
      if (!stored) return { error: IdentityError.of('INVALID_TOKEN') };
      if (stored.revokedAt && !stored.usedAt) return { error: IdentityError.of('INVALID_TOKEN') };
      if (stored.usedAt) {
        // A token is used once. Seeing it again means a copy is in someone else's hands:
        // end the whole session so neither copy works (OWASP, refresh token rotation).
        await this.users.revokeFamily(tx, stored.familyId, now);
        await this.audit.record(tx, null, {
          action: 'token_reuse_detected',
          entityType: 'user',
          entityId: stored.userId,
          details: { familyId: stored.familyId, requestId },
        });
        return { error: IdentityError.of('REFRESH_TOKEN_REUSED') };
      }
      if (stored.expiresAt <= now) return { error: IdentityError.of('INVALID_TOKEN') };
      const found = await this.users.findById(tx, stored.userId);
      if (!found || found.user.disabledAt || stored.issuedAt < found.user.sessionsValidAfter) {
        return { error: IdentityError.of('INVALID_TOKEN') };
      }
      await this.users.markRefreshTokenUsed(tx, stored.id, now);
      return { tokens: await this.sessions.issue(tx, found.user, stored.familyId, now) };
    });
    // Thrown after commit so the revocation of a reused family is kept.
    if ('error' in outcome) throw outcome.error;
    return outcome.tokens;
  }

  async logout(actor: Actor): Promise<void> {
    await this.transactions.run(async (tx) => {
      if (actor.sessionFamilyId) await this.users.revokeFamily(tx, actor.sessionFamilyId, this.clock.now());
      await this.audit.record(tx, actor, { action: 'logout', entityType: 'user', entityId: actor.userId });
    });
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string, address: string): Promise<SessionTokens> {
    const found = await this.users.findById(this.transactions.manager, actor.userId);
    if (!found) throw IdentityError.of('INVALID_TOKEN');
    const { user } = found;
    // A stolen access token must not become a way to guess the password: the current password
    // is checked under the sign-in lockout, and a wrong one counts as a failed sign-in.
    const lockedFor = await this.throttle.lockedFor(user.email, address);
    if (lockedFor > 0) throw IdentityError.of('ACCOUNT_LOCKED', undefined, { retryAfterSeconds: lockedFor });
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      await this.throttle.recordFailure(user.email, address);
      await this.transactions.run((tx) =>
        this.audit.record(tx, actor, {
          action: 'login_failed',
          entityType: 'user',
          entityId: user.id,
          details: { reason: 'wrong_current_password' },
        }),
      );
      throw validationFailed([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    await this.throttle.recordSuccess(user.email);
    const problems = passwordProblems(newPassword, user.email);
    if (newPassword === currentPassword) problems.push('must differ from the current password');
    if (problems.length) throw validationFailed(problems.map((message) => ({ field: 'newPassword', message })));
    const passwordHash = await this.hasher.hash(newPassword);
    return this.transactions.run(async (tx) => {
      const now = this.clock.now();
      await this.users.setPassword(tx, user.id, passwordHash, false, now);
      await this.audit.record(tx, actor, { action: 'password_changed', entityType: 'user', entityId: user.id });
      const refreshed = await this.users.findById(tx, user.id);
      return this.sessions.issue(tx, refreshed!.user, randomUUID(), now);
    });
  }

  /** Resolves a bearer access token to its user, or throws INVALID_TOKEN. */
  async principalFromAccessToken(token: string): Promise<Principal> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch {
      throw IdentityError.of('INVALID_TOKEN');
    }
    // jsonwebtoken accepts a token without exp (it never expires) or iat: require both.
    if (claims.typ !== 'access' || !Number.isInteger(claims.exp) || !Number.isInteger(claims.iat)) throw IdentityError.of('INVALID_TOKEN');
    if (typeof claims.sub !== 'string' || typeof claims.fam !== 'string') throw IdentityError.of('INVALID_TOKEN');
    const found = await this.users.findWithSession(this.transactions.manager, claims.sub, claims.fam);
    if (!found) throw IdentityError.of('INVALID_TOKEN');
    if (found.user.disabledAt) throw IdentityError.of('ACCOUNT_DISABLED');
    // iat has second precision; a token from the same second as a password change is refused too.
    if (claims.iat * 1000 < Math.floor(found.user.sessionsValidAfter.getTime() / 1000) * 1000) {
      throw IdentityError.of('INVALID_TOKEN');
    }
    if (!found.familyActive) throw IdentityError.of('INVALID_TOKEN');
    return { user: found.user, areaIds: found.areaIds, sessionFamilyId: claims.fam };
  }

  async principalFromApiKey(key: string): Promise<Principal> {
    const parsed = parseApiKey(key);
    if (!parsed) throw IdentityError.of('INVALID_TOKEN');
    const tx = this.transactions.manager;
    const user = await this.users.findByApiKeyPrefix(tx, parsed.prefix);
    if (!user?.apiKeyHash || !sameHash(user.apiKeyHash, sha256(key))) throw IdentityError.of('INVALID_TOKEN');
    if (user.disabledAt) throw IdentityError.of('ACCOUNT_DISABLED');
    return { user, areaIds: await this.users.areaIdsOf(tx, user.id), sessionFamilyId: null };
  }

  /**
   * Sign-in for the web workspace: the same checks, lockout and audit as `login`; the
   * browser session keeps the session family, so sign-out and revocation work as for tokens.
   */
  async loginForSession(email: string, password: string, context: { address: string; requestId: string }): Promise<WebSessionStart> {
    return this.sessionStartOf(await this.login(email, password, context));
  }

  /** A password change from the web workspace: other sessions end, this one goes on in a new family. */
  async changePasswordForSession(actor: Actor, currentPassword: string, newPassword: string, address: string): Promise<WebSessionStart> {
    return this.sessionStartOf(await this.changePassword(actor, currentPassword, newPassword, address));
  }

  /**
   * Resolves a web session to its user, as `principalFromAccessToken` does a token: refused
   * when the user is disabled, the session started before `sessions_valid_after` (password
   * change or reset, roles or areas changed) or its family was revoked (sign-out).
   */
  async principalFromSession(session: WebSessionStart): Promise<Principal> {
    const found = await this.users.findWithSession(this.transactions.manager, session.userId, session.familyId);
    if (!found) throw IdentityError.of('INVALID_TOKEN');
    if (found.user.disabledAt) throw IdentityError.of('ACCOUNT_DISABLED');
    if (session.issuedAt < Math.floor(found.user.sessionsValidAfter.getTime() / 1000) * 1000) throw IdentityError.of('INVALID_TOKEN');
    if (!found.familyActive) throw IdentityError.of('INVALID_TOKEN');
    return { user: found.user, areaIds: found.areaIds, sessionFamilyId: session.familyId };
  }

  private sessionStartOf(tokens: SessionTokens): WebSessionStart {
    const claims = this.jwt.decode<AccessClaims>(tokens.accessToken);
    return { userId: claims.sub, familyId: claims.fam, issuedAt: claims.iat * 1000, mustChangePassword: tokens.mustChangePassword };
  }

  actorFor(user: User, areaIds: string[], requestId: string, accessReason: string | null, sessionFamilyId: string | null = null): Actor {
    return {
      userId: user.id,
      roles: user.roles,
      organisationId: user.organisationId,
      areaIds,
      requestId,
      accessReason,
      sessionFamilyId,
    };
  }

}
