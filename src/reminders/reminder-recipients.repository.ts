import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScope } from '../access/access-scope.js';
import type { Role } from '../access/roles.js';

/** A person a reminder may go to, with what decides whether they can take it now. */
export interface PersonRow {
  id: string;
  email: string;
  organisation_id: string;
  disabled_at: Date | null;
  away_until: Date | null;
  deputy_id: string | null;
  supervisor_id: string | null;
}

export interface JourneyRoutingRow {
  reference: string;
  area_id: string;
  role: 'victim' | 'witness';
  lead_worker_id: string | null;
  lead_organisation_id: string | null;
  lead_organisation_team_email: string | null;
}

export interface NewReminderAlert {
  dutyId: string;
  areaId: string;
  reminderKind: 'due-soon' | 'breach';
  code: string;
}

/** A ULS reminder is about a victim's sentence, not a duty: its alert is keyed by journey and outcome. */
export interface UlsReminderSubject {
  journeyId: string;
  outcomeId: string;
}

/** The alert's next generation: re-opened if resolved, its retry a minute after the first run, doubling to 15 minutes. */
const NEXT_GENERATION = `
  SET code = EXCLUDED.code, resolved_at = NULL,
      raised_at = CASE WHEN reminder_alerts.resolved_at IS NULL THEN reminder_alerts.raised_at ELSE EXCLUDED.raised_at END,
      generation = reminder_alerts.generation + 1,
      retry_at = EXCLUDED.raised_at + least(interval '15 minutes', interval '1 minute' * power(2, reminder_alerts.generation))`;

const PERSON = `u.id, u.email, u.organisation_id, u.disabled_at, u.away_until, u.deputy_id, u.supervisor_id`;

/**
 * Who reminders can reach, as the worker reads it (a system job across areas): people by id,
 * an organisation's people in one area by role, and the open alerts for reminders that had
 * nobody. Area conditions go through AccessScope, narrowed to the duty's area.
 */
@Injectable()
export class ReminderRecipientsRepository {
  async journey(tx: EntityManager, journeyId: string): Promise<JourneyRoutingRow | null> {
    const [row]: JourneyRoutingRow[] = await tx.query(
      `SELECT j.reference, j.area_id, j.role, j.lead_worker_id, j.lead_organisation_id, o.team_email AS lead_organisation_team_email
         FROM journeys j LEFT JOIN organisations o ON o.id = j.lead_organisation_id
        WHERE j.id = $1`,
      [journeyId],
    );
    return row ?? null;
  }

  async people(tx: EntityManager, ids: readonly string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return [];
    return tx.query(`SELECT ${PERSON} FROM users u WHERE u.id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** An organisation's enabled people in an area holding one of `roles`, in email order. */
  async ofOrganisationInArea(tx: EntityManager, organisationId: string, areaId: string, roles: readonly Role[]): Promise<PersonRow[]> {
    const params: unknown[] = [organisationId, [...roles]];
    return tx.query(
      `SELECT ${PERSON} FROM users u
        WHERE u.organisation_id = $1 AND u.roles && $2::text[] AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = u.id AND ${AccessScope.allAreas().within(areaId).sqlFilter('ua.area_id', params)})
        ORDER BY u.email`,
      params,
    );
  }

  /** Enabled people of any organisation in an area holding one of `roles` (the area's admins). */
  async inArea(tx: EntityManager, areaId: string, roles: readonly Role[]): Promise<PersonRow[]> {
    const params: unknown[] = [[...roles]];
    return tx.query(
      `SELECT ${PERSON} FROM users u
        WHERE u.roles && $1::text[] AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = u.id AND ${AccessScope.allAreas().within(areaId).sqlFilter('ua.area_id', params)})
        ORDER BY u.email`,
      params,
    );
  }

  /**
   * Raises (or re-opens) the alert for a duty's reminder, one generation on, with the instant
   * the sweep plans that generation's run: a minute after the first, doubling to 15 minutes.
   */
  async raiseAlert(tx: EntityManager, alert: NewReminderAlert, now: Date): Promise<{ generation: number; retryAt: Date }> {
    const [row]: Array<{ generation: number; retry_at: Date }> = await tx.query(
      `INSERT INTO reminder_alerts (duty_id, area_id, reminder_kind, code, raised_at, generation, retry_at)
       VALUES ($1, $2, $3, $4, $5, 1, $5::timestamptz + interval '1 minute')
       ON CONFLICT ON CONSTRAINT reminder_alerts_duty_kind_key DO UPDATE ${NEXT_GENERATION}
       RETURNING generation, retry_at`,
      [alert.dutyId, alert.areaId, alert.reminderKind, alert.code, now],
    );
    return { generation: row.generation, retryAt: new Date(row.retry_at) };
  }

  /** The reminder reached someone, or the duty needs none any more. */
  async resolveAlerts(tx: EntityManager, dutyId: string, reminderKind: 'due-soon' | 'breach' | null, now: Date): Promise<void> {
    await tx.query(
      `UPDATE reminder_alerts SET resolved_at = $3 WHERE duty_id = $1 AND ($2::text IS NULL OR reminder_kind = $2) AND resolved_at IS NULL`,
      [dutyId, reminderKind, now],
    );
  }

  /** As raiseAlert, for a ULS reminder that found nobody (the witness care unit's, about one sentence). */
  async raiseUlsAlert(tx: EntityManager, subject: UlsReminderSubject, areaId: string, code: string, now: Date): Promise<{ generation: number; retryAt: Date }> {
    const [row]: Array<{ generation: number; retry_at: Date }> = await tx.query(
      `INSERT INTO reminder_alerts (journey_id, outcome_id, area_id, reminder_kind, code, raised_at, generation, retry_at)
       VALUES ($1, $2, $3, 'uls', $4, $5, 1, $5::timestamptz + interval '1 minute')
       ON CONFLICT (journey_id, outcome_id) WHERE reminder_kind = 'uls' DO UPDATE ${NEXT_GENERATION}
       RETURNING generation, retry_at`,
      [subject.journeyId, subject.outcomeId, areaId, code, now],
    );
    return { generation: row.generation, retryAt: new Date(row.retry_at) };
  }

  async hasOpenUlsAlert(tx: EntityManager, subject: UlsReminderSubject): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM reminder_alerts WHERE journey_id = $1 AND outcome_id = $2 AND reminder_kind = 'uls' AND resolved_at IS NULL`,
      [subject.journeyId, subject.outcomeId],
    );
    return rows.length > 0;
  }

  /** The ULS reminder reached someone, or is owed no more (told, voided, opted out, closed). */
  async resolveUlsAlert(tx: EntityManager, subject: UlsReminderSubject, now: Date): Promise<void> {
    await tx.query(
      `UPDATE reminder_alerts SET resolved_at = $3 WHERE journey_id = $1 AND outcome_id = $2 AND reminder_kind = 'uls' AND resolved_at IS NULL`,
      [subject.journeyId, subject.outcomeId, now],
    );
  }

  /** Open alerts in every area: the worker health's warning. */
  async openAlerts(tx: EntityManager): Promise<number> {
    const params: unknown[] = [];
    const [row]: Array<{ count: number }> = await tx.query(
      `SELECT count(*)::int AS count FROM reminder_alerts WHERE resolved_at IS NULL AND ${AccessScope.allAreas().sqlFilter('area_id', params)}`,
      params,
    );
    return row?.count ?? 0;
  }
}
