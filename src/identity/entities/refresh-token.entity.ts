import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A refresh token is used once: refreshing marks it used and issues its successor in the
 * same family. Presenting a used token again means it was stolen, so the family is revoked.
 */
@Entity({ name: 'refresh_tokens' })
@Index('refresh_tokens_user_idx', ['userId'])
@Index('refresh_tokens_family_idx', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  familyId: string;

  /** SHA-256 of the token (the token itself is 256 random bits, so a fast hash is enough). */
  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
