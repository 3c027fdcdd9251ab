import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * uuid id, created/updated instants (timestamptz, UTC) and an optimistic-lock version.
 * The version is guarded by `VersionedUpdate` (TypeORM's own check does not guard UPDATEs).
 */
export abstract class VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
