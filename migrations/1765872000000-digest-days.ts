import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily digest is planned once a day (issue 19): the first planner run from 07:50
 * London on a working day claims the day here and enqueues that morning's digests to go out
 * at 08:00; later runs find the day claimed and plan nothing. Redis may lose the jobs: the
 * worker re-plans the users not yet sent one when it restores its schedules after a flush,
 * and at its start. No personal data: a day and a count.
 */
export class DigestDays1765872000000 implements MigrationInterface {
  name = 'DigestDays1765872000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE digest_days (
        day date PRIMARY KEY,
        planned_at timestamptz NOT NULL,
        -- 08:00 London that day: when the planned jobs were due to run.
        send_at timestamptz NOT NULL,
        users integer NOT NULL CONSTRAINT digest_days_users_check CHECK (users >= 0)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE digest_days`);
  }
}
