import { Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/**
 * Accounts, without the api's sign-in, guard and controllers: IdentityModule builds on it,
 * and the worker's housekeeping purges expired sessions through UsersService.
 */
@Module({
  providers: [UsersService, UsersRepository, PasswordHasher],
  exports: [UsersService, UsersRepository, PasswordHasher],
})
export class UsersModule {}
