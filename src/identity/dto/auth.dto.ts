import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'caseworker@cleveland.demo' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class RefreshRequest {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(128)
  newPassword: string;
}

export class SessionResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() accessTokenExpiresAt: Date;
  @ApiProperty() refreshToken: string;
  @ApiProperty() refreshTokenExpiresAt: Date;
  @ApiProperty({ description: 'When true, only password change and sign-out work until the password is changed' })
  mustChangePassword: boolean;
}
