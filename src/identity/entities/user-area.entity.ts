import { Entity, PrimaryColumn } from 'typeorm';

/** The areas a user works in; scoping of personal data is by these. */
@Entity({ name: 'user_areas' })
export class UserArea {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  areaId: string;
}
