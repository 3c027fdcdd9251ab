import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DutyOwner } from '../../libs/victims-code/src/index.js';
import type { AccessScope } from '../access/access-scope.js';
import type { JourneyStage } from '../journeys/journey-vocabulary.js';
import type { WorkItemKind, WorkQueueSort, WorkQueueView } from './dto/work-queue.dto.js';

/** Who is asking and what of theirs to show. */
export interface QueueOwner {
  view: WorkQueueView;
  userId: string;
  organisationId: string;
  /** The caller's areas (already narrowed by any areaId filter). */
  scope: AccessScope;
  /** Duties of this owner only; null for all owners. */
  dutyOwner: DutyOwner | null;
  now: Date;
  /** Today in London, `YYYY-MM-DD`. */
  today: string;
}

export interface QueueFilters {
  kinds: readonly WorkItemKind[];
  stage?: JourneyStage;
  leadWorkerId?: string;
  enhanced?: boolean;
  /** Duty items of this rule only (e.g. support.first-contact); other kinds are left out. */
  ruleId?: string;
}

export interface QueueRow {
  kind: WorkItemKind;
  journey_id: string;
  area_id: string;
  reference: string;
  stage: string;
  enhanced: boolean;
  given_name: string;
  family_name: string;
  lead_worker_id: string | null;
  lead_worker_name: string | null;
  duty_id: string | null;
  rule_id: string | null;
  duty_due_at: Date | null;
  duty_status: string | null;
  action_id: string | null;
  description: string | null;
  due_on: string | null;
  due_at: Date;
  referred_at: Date;
  total: string;
}

// Of items due at the same moment, a Code duty comes first and a support action last.
const KIND_RANK = `CASE i.kind WHEN 'duty_overdue' THEN 0 WHEN 'duty_due_today' THEN 1 WHEN 'new_referral' THEN 2 ELSE 3 END`;

const ORDER: Record<WorkQueueSort, string> = {
  due: `i.due_at ASC, ${KIND_RANK}, j.reference ASC`,
  referred: `j.referred_at ASC, i.due_at ASC, ${KIND_RANK}`,
  reference: `j.reference ASC, i.due_at ASC, ${KIND_RANK}`,
};

/**
 * The work queue as a query-side read model: read-only SQL over journeys, duties and
 * support_actions, tables the journeys and support modules own and write through their
 * own commands. Nothing here writes. Each kind of item is its own branch of a UNION so
 * each uses its index (journeys_lead_worker_idx / journeys_area_stage_idx,
 * duties_area_status_due_idx, support_actions_due_idx).
 */
@Injectable()
export class WorkQueueRepository {
  async page(tx: EntityManager, owner: QueueOwner, filters: QueueFilters, sort: WorkQueueSort, page: { limit: number; offset: number }): Promise<QueueRow[]> {
    if (filters.kinds.length === 0 || owner.scope.isEmpty) return [];
    const { sql, params } = itemsQuery(owner, filters);
    return tx.query(
      `WITH items AS (${sql})
       SELECT i.kind, i.journey_id, j.area_id, j.reference, j.stage, cardinality(j.enhanced_categories) > 0 AS enhanced,
              p.given_name, p.family_name, j.lead_worker_id, u.display_name AS lead_worker_name,
              d.id AS duty_id, d.rule_id, d.due_at AS duty_due_at, d.status AS duty_status,
              a.id AS action_id, a.description, a.due_on::text AS due_on, i.due_at, j.referred_at, count(*) OVER () AS total
         FROM items i
         JOIN journeys j ON j.id = i.journey_id
         JOIN people p ON p.id = j.person_id
         LEFT JOIN users u ON u.id = j.lead_worker_id
         LEFT JOIN duties d ON d.id = i.duty_id
         LEFT JOIN support_actions a ON a.id = i.action_id
        ORDER BY ${ORDER[sort]}, coalesce(i.duty_id, i.action_id, i.journey_id)
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
  }

  async total(tx: EntityManager, owner: QueueOwner, filters: QueueFilters): Promise<number> {
    if (filters.kinds.length === 0 || owner.scope.isEmpty) return 0;
    const { sql, params } = itemsQuery(owner, filters);
    const [row]: Array<{ count: string }> = await tx.query(`WITH items AS (${sql}) SELECT count(*) FROM items`, params);
    return Number(row.count);
  }

  /** The kind of the caller's organisation (a victim care service, a witness care unit...), or null when it is not known. */
  async organisationKind(tx: EntityManager, organisationId: string): Promise<string | null> {
    const [organisation]: Array<{ kind: string }> = await tx.query(`SELECT kind FROM organisations WHERE id = $1`, [organisationId]);
    return organisation?.kind ?? null;
  }

  async counts(tx: EntityManager, owner: QueueOwner, kinds: readonly WorkItemKind[], filters: Omit<QueueFilters, 'kinds'> = {}): Promise<Map<WorkItemKind, number>> {
    if (owner.scope.isEmpty || kinds.length === 0) return new Map();
    const { sql, params } = itemsQuery(owner, { ...filters, kinds });
    const rows: Array<{ kind: WorkItemKind; count: string }> = await tx.query(`WITH items AS (${sql}) SELECT kind, count(*) FROM items GROUP BY kind`, params);
    return new Map(rows.map((row) => [row.kind, Number(row.count)]));
  }
}

function itemsQuery(owner: QueueOwner, filters: QueueFilters): { sql: string; params: unknown[] } {
  // Placeholders are numbered on first use: Postgres refuses a parameter no branch refers to.
  const params: unknown[] = [];
  const placeholders = new Map<string, string>();
  const param = (name: string, value: unknown, cast: string): string => {
    let placeholder = placeholders.get(name);
    if (!placeholder) {
      params.push(value);
      placeholder = `$${params.length}::${cast}`;
      placeholders.set(name, placeholder);
    }
    return placeholder;
  };
  // The caller's areas, bound once per column that is filtered on them.
  const scoped = new Map<string, string>();
  const inScope = (column: string): string => {
    let condition = scoped.get(column);
    if (condition === undefined) {
      condition = owner.scope.sqlFilter(column, params);
      scoped.set(column, condition);
    }
    return condition;
  };
  const now = () => param('now', owner.now, 'timestamptz');
  const today = () => param('today', owner.today, 'date');
  const me = () => param('me', owner.userId, 'uuid');
  const team = () => `(j.lead_organisation_id = ${param('organisation', owner.organisationId, 'uuid')} OR j.lead_organisation_id IS NULL)`;

  const journeyConditions = (): string[] => {
    const conditions = [inScope('j.area_id'), `j.stage <> 'closed'`];
    if (filters.stage) conditions.push(`j.stage = ${param('stage', filters.stage, 'text')}`);
    if (filters.leadWorkerId) conditions.push(`j.lead_worker_id = ${param('leadWorker', filters.leadWorkerId, 'uuid')}`);
    if (filters.enhanced !== undefined) conditions.push(`(cardinality(j.enhanced_categories) > 0) = ${param('enhanced', filters.enhanced, 'boolean')}`);
    return conditions;
  };
  const journeys = () => [...journeyConditions(), owner.view === 'mine' ? `j.lead_worker_id = ${me()}` : team()].join(' AND ');
  const dutyOwner = () =>
    (owner.dutyOwner ? ` AND d.owner = ${param('dutyOwner', owner.dutyOwner, 'text')}` : '') + (filters.ruleId ? ` AND d.rule_id = ${param('ruleId', filters.ruleId, 'text')}` : '');
  // Actions: in "mine", those the caller owns anywhere in their areas, and those their journeys' organisation owns.
  const actionsOfView = () =>
    owner.view === 'mine' ? `(a.owner_user_id = ${me()} OR (j.lead_worker_id = ${me()} AND a.owner_user_id IS NULL))` : team();
  // The end of a London day, as duties' deadlines are: an action due on a day is due until it ends.
  const endOfDueDay = `(((a.due_on + 1)::timestamp AT TIME ZONE 'Europe/London') - interval '1 millisecond')`;
  const startOfTomorrow = () => `((${today()} + 1)::timestamp AT TIME ZONE 'Europe/London')`;

  const branches: Record<WorkItemKind, () => string> = {
    new_referral: () => `
      SELECT 'new_referral'::text AS kind, j.id AS journey_id, NULL::uuid AS duty_id, NULL::uuid AS action_id,
             coalesce((SELECT min(d.due_at) FROM duties d
                        WHERE d.journey_id = j.id AND d.rule_id = 'support.first-contact' AND d.status IN ('open', 'breached')), j.referred_at) AS due_at
        FROM journeys j
       WHERE ${journeys()} AND j.stage = 'referred' AND j.first_contacted_at IS NULL`,
    duty_due_today: () => `
      SELECT 'duty_due_today'::text AS kind, d.journey_id, d.id AS duty_id, NULL::uuid AS action_id, d.due_at
        FROM duties d JOIN journeys j ON j.id = d.journey_id
       WHERE ${inScope('d.area_id')} AND d.status = 'open' AND d.due_at >= ${now()} AND d.due_at < ${startOfTomorrow()}${dutyOwner()} AND ${journeys()}`,
    duty_overdue: () => `
      SELECT 'duty_overdue'::text AS kind, d.journey_id, d.id AS duty_id, NULL::uuid AS action_id, d.due_at
        FROM duties d JOIN journeys j ON j.id = d.journey_id
       WHERE ${inScope('d.area_id')} AND d.status IN ('open', 'breached') AND d.due_at < ${now()}${dutyOwner()} AND ${journeys()}`,
    action_due: () => `
      SELECT 'action_due'::text AS kind, a.journey_id, NULL::uuid AS duty_id, a.id AS action_id, ${endOfDueDay} AS due_at
        FROM support_actions a JOIN journeys j ON j.id = a.journey_id
       WHERE ${inScope('a.area_id')} AND a.status = 'open' AND a.due_on <= ${today()}
         AND ${[...journeyConditions(), actionsOfView()].join(' AND ')}`,
  };
  // A rule filter is about duties: the other kinds of item have none.
  const kinds = filters.ruleId ? filters.kinds.filter((kind) => kind === 'duty_due_today' || kind === 'duty_overdue') : filters.kinds;
  if (kinds.length === 0) return { sql: `SELECT NULL::text AS kind, NULL::uuid AS journey_id, NULL::uuid AS duty_id, NULL::uuid AS action_id, NULL::timestamptz AS due_at WHERE false`, params };
  return { sql: kinds.map((kind) => branches[kind]()).join('\n      UNION ALL'), params };
}
