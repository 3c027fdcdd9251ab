import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { RateLimiter } from '../access/rate-limit.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SessionIssuer } from './session-issuer.js';
import { LoginThrottle } from './login-throttle.js';
import { ReferenceDataController, UsersController } from './users.controller.js';
import { UsersModule } from './users.module.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A KeyObject built once: given a string, jsonwebtoken first tries it as a public key
        // on every verify (createPublicKey, about 7% of a read's CPU) before falling back.
        const key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' } };
      },
    }),
    UsersModule,
  ],
  controllers: [AuthController, UsersController, ReferenceDataController],
  providers: [AuthService, SessionIssuer, LoginThrottle, RateLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
  // AuthService: the web workspace signs people in and resolves its sessions through it.
  // RateLimiter: the API's password routes and the workspace's pages share their budgets.
  exports: [UsersModule, AuthService, RateLimiter],
})
export class IdentityModule {}
