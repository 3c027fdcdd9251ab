import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { systemActor } from '../../access/actor.js';
import { Clock } from '../../app/clock.js';
import { AuditService } from '../../audit/audit.service.js';
import { TransactionRunner } from '../../database/transaction.js';
import { Organisation } from '../../identity/entities/organisation.entity.js';
import type { Role } from '../../access/roles.js';
import type { OrganisationKind } from '../../identity/organisation-kinds.js';
import { UsersRepository } from '../../identity/users.repository.js';
import { areaWeight, POLICE_FORCE_AREAS } from './police-force-areas.js';
import { SeededRandom } from './seeded-random.js';
import { noRows, type SyntheticArea, type SyntheticRows, syntheticCrime, type SyntheticWorld } from './synthetic-journeys.js';
import { SYNTHETIC_TABLES, writeSyntheticRows } from './synthetic-writer.js';

export interface SeedOptions {
  journeys: number;
  seed: number;
  /** The instant the data runs up to; duties are as at it. */
  now: Date;
  /** How far back referrals go (default a year). */
  days?: number;
  /** Journeys per transaction. */
  batch?: number;
  /**
   * A national spread: England and Wales' police force areas are added, largest first,
   * until there are at least this many areas (at most 43). Crimes go to areas in
   * proportion to their population either way.
   */
  areas?: number;
  onBatch?: (written: number) => void;
}

export interface SeedSummary {
  runTag: string;
  journeys: number;
  events: number;
  duties: number;
}

/** Workers per provider and area: enough for a realistic spread of lead workers. */
const WORKERS_PER_PROVIDER = 12;
const WITNESS_CARE_OFFICERS_PER_AREA = 6;

/** How many crimes are generated before the batch being written gets the event loop back. */
const CRIMES_BETWEEN_YIELDS = 50;

/**
 * Synthetic national-scale data for the report bench and tests: crimes, fictional people
 * ("Synthetic Person-..."), journeys, referrals, contacts, needs assessments, outcome
 * measures, closures and police decisions, with the timeline events the commands would
 * record and the duties libs/victims-code gives for them. Written in bulk: no audit row per
 * record (nobody read or wrote these), one for the run; no outbox rows (no reminders for
 * history: past-due duties are already recorded as breaches, as the worker would have).
 */
export class SyntheticSeeder {
  private readonly transactions: TransactionRunner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.transactions = new TransactionRunner(dataSource);
  }

  async seed(options: SeedOptions): Promise<SeedSummary> {
    const random = new SeededRandom(options.seed);
    const runTag = randomBytes(3).toString('hex').toUpperCase();
    const areas = await this.transactions.run(async (tx) => {
      if (options.areas) await this.addAreas(tx, options.areas);
      return this.world(tx, runTag);
    });
    const areaWeights = areas.map((area, index) => [index, areaWeight(area.code)] as const);
    const world: SyntheticWorld = { now: options.now, runTag, days: options.days ?? 365, areas };
    const batch = options.batch ?? 5_000;
    const summary: SeedSummary = { runTag, journeys: 0, events: 0, duties: 0 };
    let crimeNumber = 0;
    let generated = 0;
    // Postgres writes one batch while the next is generated: the two take turns on the
    // event loop (generation yields every few crimes), so both cores work. Batches are
    // still written one at a time, in order, so the data is the same as written in turn.
    let writing: Promise<void> = Promise.resolve();
    while (generated < options.journeys) {
      const rows = noRows();
      const size = Math.min(batch, options.journeys - generated);
      while (rows.journeys.length < size) {
        crimeNumber += 1;
        syntheticCrime(world, areas[random.weighted(areaWeights)], random, crimeNumber, rows, size - rows.journeys.length);
        if (crimeNumber % CRIMES_BETWEEN_YIELDS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      generated += rows.journeys.length;
      await writing;
      writing = this.write(rows, summary, options.onBatch);
      // Awaited before the next batch is written; meanwhile a failure must not count as unhandled.
      writing.catch(() => undefined);
    }
    await writing;
    await this.transactions.run(async (tx) => {
      await new AuditService(this.clock).record(tx, systemActor('synthetic-data'), {
        action: 'import',
        entityType: 'synthetic_data',
        entityId: runTag,
        details: { journeys: summary.journeys, events: summary.events, duties: summary.duties, seed: options.seed, now: options.now.toISOString() },
      });
    });
    // Fresh statistics, or the planner guesses on tables that grew a hundredfold.
    for (const table of SYNTHETIC_TABLES) {
      await this.dataSource.query(`ANALYZE ${table}`);
    }
    return summary;
  }

  private async write(rows: SyntheticRows, summary: SeedSummary, onBatch: ((written: number) => void) | undefined): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.assignReferences(tx, rows);
      await writeSyntheticRows(tx, rows);
    });
    summary.journeys += rows.journeys.length;
    summary.events += rows.events.length;
    summary.duties += rows.duties.length;
    onBatch?.(summary.journeys);
  }

  /** Journey references from the same sequence as intake, by the London year of the referral. */
  private async assignReferences(tx: EntityManager, rows: SyntheticRows): Promise<void> {
    if (rows.unreferenced.length > 0) {
      const numbers: Array<{ n: string }> = await tx.query(`SELECT nextval('journey_reference_seq')::text AS n FROM generate_series(1, $1)`, [rows.unreferenced.length]);
      rows.unreferenced.forEach(([row, year], index) => {
        row[2] = `VJ-${year}-${numbers[index].n.padStart(6, '0')}`;
      });
    }
    if (rows.unreferencedDefendants.length > 0) {
      // As the defendants table's default numbers them; the defendant.added events name the same reference.
      const numbers: Array<{ n: string }> = await tx.query(`SELECT nextval('defendant_reference_seq')::text AS n FROM generate_series(1, $1)`, [rows.unreferencedDefendants.length]);
      rows.unreferencedDefendants.forEach(({ row, payloads }, index) => {
        row[10] = `DEF-${numbers[index].n.padStart(6, '0')}`;
        for (const payload of payloads) payload.reference = row[10];
      });
    }
  }

  /** England and Wales' police force areas not yet in the database, largest first, until there are `count` areas. */
  private async addAreas(tx: EntityManager, count: number): Promise<void> {
    const existing = new Set((await tx.query(`SELECT code FROM areas`) as Array<{ code: string }>).map((area) => area.code));
    const missing = POLICE_FORCE_AREAS.filter((area) => !existing.has(area.code)).slice(0, Math.max(0, count - existing.size));
    for (const area of missing) await tx.query(`INSERT INTO areas (code, name) VALUES ($1, $2)`, [area.code, area.name]);
  }

  /** Each area's synthetic police force, providers and staff, made once and found again on later runs. */
  private async world(tx: EntityManager, runTag: string): Promise<SyntheticArea[]> {
    const users = new UsersRepository();
    const areas: Array<{ id: string; code: string }> = await tx.query(`SELECT id, code FROM areas ORDER BY code`);
    const organisation = async (name: string, kind: OrganisationKind): Promise<string> => {
      const found = await tx.findOne(Organisation, { where: { name } });
      return (found ?? (await users.insertOrganisation(tx, { name, kind, teamEmail: null }))).id;
    };
    const user = async (email: string, name: string, organisationId: string, roles: Role[], areaId: string): Promise<string> => {
      const found = await users.findByEmail(tx, email);
      if (found) return found.id;
      const created = await users.insert(
        tx,
        {
          email,
          displayName: name,
          organisationId,
          roles,
          // Not an argon2 hash: no password signs in as a synthetic user.
          passwordHash: `synthetic-no-sign-in-${runTag}`,
          mustChangePassword: false,
          sessionsValidAfter: this.clock.now(),
          disabledAt: null,
          lastLoginAt: null,
          apiKeyPrefix: null,
          apiKeyHash: null,
          supervisorId: null,
        },
        [areaId],
      );
      return created.id;
    };
    // The area's own court of each kind where it has one (the migrations list some), else a synthetic one.
    const court = async (areaId: string, areaCode: string, kind: 'magistrates' | 'crown'): Promise<string> => {
      const [found]: Array<{ id: string }> = await tx.query(`SELECT id FROM courts WHERE area_id = $1 AND kind = $2 AND active ORDER BY code LIMIT 1`, [areaId, kind]);
      if (found) return found.id;
      const [created]: Array<{ id: string }> = await tx.query(`INSERT INTO courts (area_id, code, name, kind) VALUES ($1, $2, $3, $4) RETURNING id`, [
        areaId,
        `synthetic-${areaCode.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${kind}`,
        `Synthetic ${kind === 'crown' ? 'Crown' : 'Magistrates’'} Court (${areaCode})`,
        kind,
      ]);
      return created.id;
    };
    const world: SyntheticArea[] = [];
    for (const area of areas) {
      const policeForceId = await organisation(`Synthetic police force (${area.code})`, 'police_force');
      const generalistProviderId = await organisation(`Synthetic victim care service (${area.code})`, 'victim_care_service');
      const specialistProviderId = await organisation(`Synthetic specialist support service (${area.code})`, 'support_provider');
      const staff = async (provider: string, organisationId: string) => {
        const ids: string[] = [];
        for (let n = 1; n <= WORKERS_PER_PROVIDER; n++) {
          ids.push(await user(`synthetic-${provider}-${area.code}-${n}@synthetic.invalid`, `Synthetic worker ${n}`, organisationId, ['caseworker'], area.id));
        }
        return ids;
      };
      const witnessCareUnitId = await organisation(`Synthetic witness care unit (${area.code})`, 'witness_care_unit');
      const courtServiceId = await organisation(`Synthetic court service (${area.code})`, 'court');
      // The area's organisations directory, as an admin would fill it (issue 21): every duty resolves to a named organisation.
      const owners: ReadonlyArray<readonly [string, string]> = [
        ['police', policeForceId],
        ['victim_care_service', generalistProviderId],
        ['witness_care_unit', witnessCareUnitId],
        ['court', courtServiceId],
        ['cps', await organisation(`Synthetic CPS area (${area.code})`, 'cps')],
        ['probation', await organisation(`Synthetic probation region (${area.code})`, 'probation')],
        ['rj_service', await organisation(`Synthetic restorative justice hub (${area.code})`, 'rj_hub')],
      ];
      for (const [ownerKind, organisationId] of owners) {
        await tx.query(
          `INSERT INTO organisation_directory (area_id, owner_kind, organisation_id) VALUES ($1, $2, $3)
           ON CONFLICT ON CONSTRAINT organisation_directory_area_owner_key DO NOTHING`,
          [area.id, ownerKind, organisationId],
        );
      }
      const witnessCareOfficerIds: string[] = [];
      for (let n = 1; n <= WITNESS_CARE_OFFICERS_PER_AREA; n++) {
        witnessCareOfficerIds.push(await user(`synthetic-wcu-${area.code}-${n}@synthetic.invalid`, `Synthetic witness care officer ${n}`, witnessCareUnitId, ['witness_care_officer'], area.id));
      }
      world.push({
        courtFeedUserId: await user(`synthetic-court-feed-${area.code}@synthetic.invalid`, 'Synthetic court feed', courtServiceId, ['partner_system'], area.id),
        witnessCareOfficerIds,
        magistratesCourtId: await court(area.id, area.code, 'magistrates'),
        crownCourtId: await court(area.id, area.code, 'crown'),
        id: area.id,
        code: area.code,
        generalistProviderId,
        specialistProviderId,
        policeForceId,
        policeFeedUserId: await user(`synthetic-police-feed-${area.code}@synthetic.invalid`, 'Synthetic police feed', policeForceId, ['partner_system'], area.id),
        workerIds: { generalist: await staff('generalist', generalistProviderId), specialist: await staff('specialist', specialistProviderId) },
      });
    }
    return world;
  }
}
