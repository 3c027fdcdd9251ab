import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { newOpaqueToken, sha256 } from './credentials.js';
import type { User } from './entities/user.entity.js';
import { UsersRepository } from './users.repository.js';

export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  mustChangePassword: boolean;
}

export interface AccessClaims {
  sub: string;
  fam: string;
  typ: 'access';
  iat: number;
  exp?: number;
  iss?: string;
  aud?: string | string[];
}

/** Who issues access tokens and for whom: a token of another service sharing the secret is no token here. */
export const ACCESS_TOKEN_ISSUER = 'victim-journey-service';
export const ACCESS_TOKEN_AUDIENCE = 'victim-journey-service/api';

/**
 * Issues a session's tokens (a short access token and a one-use refresh token of its
 * family) once a user has proved who they are. Sign-in, refresh and a password change
 * call it; so do the tests' fixtures, to sign in users whose sign-in is not under test.
 */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(tx: EntityManager, user: User, familyId: string, now: Date): Promise<SessionTokens> {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.config.auth;
    const iat = Math.floor(now.getTime() / 1000);
    const accessToken = await this.jwt.signAsync({ sub: user.id, fam: familyId, typ: 'access', iat } satisfies AccessClaims, {
      expiresIn: accessTokenTtlSeconds,
      algorithm: 'HS256',
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
    const refreshToken = newOpaqueToken();
    const refreshTokenExpiresAt = new Date(now.getTime() + refreshTokenTtlSeconds * 1000);
    await this.users.insertRefreshToken(tx, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      issuedAt: now,
      expiresAt: refreshTokenExpiresAt,
    });
    return {
      accessToken,
      accessTokenExpiresAt: new Date((iat + accessTokenTtlSeconds) * 1000),
      refreshToken,
      refreshTokenExpiresAt,
      mustChangePassword: user.mustChangePassword,
    };
  }
}
