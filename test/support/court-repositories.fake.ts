import type { EntityManager } from 'typeorm';
import type { Actor } from '../../src/access/actor.js';
import type { AccessScope } from '../../src/access/access-scope.js';
import type { Clock } from '../../src/app/clock.js';
import type { BailDecisionsRepository, NewBailDecision } from '../../src/court/bail-decisions.repository.js';
import type { CourtInformingsRepository, InformedOf, NewInforming } from '../../src/court/court-informings.repository.js';
import type {
  AppealDecision,
  AppealHearing,
  CourtOutcomesRepository,
  LockedAppeal,
  LockedOutcome,
  NewAppeal,
  NewOutcome,
  Sentence,
} from '../../src/court/court-outcomes.repository.js';
import { CourtRecords, type CourtRecordKind } from '../../src/court/court-records.repository.js';
import { CourtWork } from '../../src/court/court-work.js';
import type { AppealGround, AppealStage, Plea } from '../../src/court/court-vocabulary.js';
import type { AppealResponse, BailDecisionResponse, CourtView, HearingResponse, OutcomeResponse } from '../../src/court/dto/court-views.dto.js';
import type { HearingChanges, HearingsRepository, LockedHearing, NewHearing, NewListing } from '../../src/court/hearings.repository.js';
import { CrimeFrame } from './crime-frame.fake.js';
import { versioned, type JourneyFrame } from './journey-frame.fake.js';

/** A hearing row: the listing's columns are as HearingChanges names them, null until set. */
type StoredHearing = Omit<NewHearing, 'defendantIds' | 'createdBy'> & {
  [Column in keyof Required<HearingChanges>]: Exclude<HearingChanges[Column], undefined> | (Column extends 'status' | 'courtId' | 'listedFor' | 'listingVersion' ? never : null);
} & {
  version: number;
  defendantIds: string[];
  pleas: Array<{ defendantId: string; plea: Plea }>;
};
type StoredOutcome = NewOutcome & { sentence: Sentence | null; version: number };
type StoredAppeal = NewAppeal & { hearing: AppealHearing | null; decision: AppealDecision | null; version: number };

/**
 * A crime's court records in memory, for the court services' specs: the rows every court
 * repository reads and writes, in arrays made with JourneyFrame.table() so they roll back
 * with a refused command. Courts and defendants are set up by the spec.
 */
export class CourtTables {
  readonly courts: CourtView[];
  readonly defendants: Array<{ id: string; crimeId: string; reference: string }>;
  readonly hearings: StoredHearing[];
  readonly listings: NewListing[];
  readonly bailDecisions: NewBailDecision[];
  readonly outcomes: StoredOutcome[];
  readonly appeals: StoredAppeal[];
  readonly informings: NewInforming[];

  constructor(frame: Pick<JourneyFrame, 'table'>) {
    this.courts = frame.table();
    this.defendants = frame.table();
    this.hearings = frame.table();
    this.listings = frame.table();
    this.bailDecisions = frame.table();
    this.outcomes = frame.table();
    this.appeals = frame.table();
    this.informings = frame.table();
  }
}

export class InMemoryHearings implements HearingsRepository {
  constructor(private readonly tables: CourtTables) {}

  async insert(_tx: EntityManager, hearing: NewHearing): Promise<void> {
    this.tables.hearings.push({
      id: hearing.id,
      areaId: hearing.areaId,
      crimeId: hearing.crimeId,
      courtId: hearing.courtId,
      type: hearing.type,
      listedFor: hearing.listedFor,
      status: 'listed',
      listingVersion: 1,
      adjournedAt: null,
      adjournmentReason: null,
      vacatedAt: null,
      vacationReason: null,
      heardAt: null,
      effectiveness: null,
      effectivenessReason: null,
      version: 1,
      defendantIds: [...hearing.defendantIds],
      pleas: [],
    });
  }

  async insertListing(_tx: EntityManager, listing: NewListing): Promise<void> {
    this.tables.listings.push({ ...listing });
  }

  async lock(_tx: EntityManager, hearingId: string): Promise<LockedHearing> {
    const row = this.tables.hearings.find((hearing) => hearing.id === hearingId)!;
    return { id: row.id, crimeId: row.crimeId, courtId: row.courtId, type: row.type, status: row.status, listedFor: row.listedFor, listingVersion: row.listingVersion, version: row.version };
  }

  async onCrime(_tx: EntityManager, hearingId: string, crimeId: string): Promise<{ listingVersion: number } | null> {
    const row = this.tables.hearings.find((hearing) => hearing.id === hearingId && hearing.crimeId === crimeId);
    return row ? { listingVersion: row.listingVersion } : null;
  }

  async listingOccurredAt(_tx: EntityManager, hearingId: string, listingVersion: number): Promise<Date | null> {
    return this.tables.listings.find((listing) => listing.hearingId === hearingId && listing.listingVersion === listingVersion)?.occurredAt ?? null;
  }

  async defendantIds(_tx: EntityManager, hearingId: string): Promise<string[]> {
    return [...(this.tables.hearings.find((hearing) => hearing.id === hearingId)?.defendantIds ?? [])];
  }

  async update(_tx: EntityManager, hearingId: string, expectedVersion: number, changes: HearingChanges): Promise<void> {
    const row = versioned(this.tables.hearings, hearingId, expectedVersion, 'The hearing');
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(row, { [key]: value });
  }

  async recordPleas(_tx: EntityManager, hearingId: string, pleas: ReadonlyArray<{ defendantId: string; plea: Plea }>): Promise<void> {
    this.tables.hearings.find((hearing) => hearing.id === hearingId)!.pleas.push(...pleas.map((plea) => ({ ...plea })));
  }
}

export class InMemoryBailDecisions implements BailDecisionsRepository {
  constructor(private readonly tables: CourtTables) {}

  async insert(_tx: EntityManager, decision: NewBailDecision): Promise<void> {
    this.tables.bailDecisions.push({ ...decision });
  }

  async decidedAtOnCrime(_tx: EntityManager, bailDecisionId: string, crimeId: string): Promise<Date | null> {
    return this.tables.bailDecisions.find((decision) => decision.id === bailDecisionId && decision.crimeId === crimeId)?.decidedAt ?? null;
  }
}

export class InMemoryCourtOutcomes implements CourtOutcomesRepository {
  constructor(private readonly tables: CourtTables) {}

  async hasOutcome(_tx: EntityManager, defendantId: string): Promise<boolean> {
    return this.tables.outcomes.some((outcome) => outcome.defendantId === defendantId);
  }

  async insertOutcome(_tx: EntityManager, outcome: NewOutcome): Promise<void> {
    this.tables.outcomes.push({ ...outcome, sentence: null, version: 1 });
  }

  async lockOutcome(_tx: EntityManager, outcomeId: string): Promise<LockedOutcome> {
    const row = this.tables.outcomes.find((outcome) => outcome.id === outcomeId)!;
    return { id: row.id, verdict: row.verdict, verdictAt: row.verdictAt, sentencedAt: row.sentence?.sentencedAt ?? null, version: row.version };
  }

  async outcomeOnCrime(_tx: EntityManager, outcomeId: string, crimeId: string): Promise<{ verdictAt: Date; sentencedAt: Date | null } | null> {
    const row = this.tables.outcomes.find((outcome) => outcome.id === outcomeId && outcome.crimeId === crimeId);
    return row ? { verdictAt: row.verdictAt, sentencedAt: row.sentence?.sentencedAt ?? null } : null;
  }

  async recordSentence(_tx: EntityManager, outcomeId: string, expectedVersion: number, sentence: Sentence): Promise<void> {
    versioned(this.tables.outcomes, outcomeId, expectedVersion, 'The outcome').sentence = { ...sentence };
  }

  async hasOpenAppeal(_tx: EntityManager, outcomeId: string, ground: AppealGround): Promise<boolean> {
    return this.tables.appeals.some((appeal) => appeal.outcomeId === outcomeId && appeal.against === ground && !appeal.decision);
  }

  async insertAppeal(_tx: EntityManager, appeal: NewAppeal): Promise<void> {
    this.tables.appeals.push({ ...appeal, hearing: null, decision: null, version: 1 });
  }

  async lockAppeal(_tx: EntityManager, appealId: string): Promise<LockedAppeal> {
    const row = this.tables.appeals.find((appeal) => appeal.id === appealId)!;
    return {
      id: row.id,
      outcomeId: row.outcomeId,
      ground: row.against,
      lodgedAt: row.lodgedAt,
      hearingListedAt: row.hearing?.listedAt ?? null,
      decidedAt: row.decision?.decidedAt ?? null,
      version: row.version,
    };
  }

  async appealStagesOnCrime(_tx: EntityManager, appealId: string, crimeId: string): Promise<Record<AppealStage, Date | null> | null> {
    const row = this.tables.appeals.find((appeal) => appeal.id === appealId && appeal.crimeId === crimeId);
    return row ? { lodged: row.lodgedAt, hearing_listed: row.hearing?.listedAt ?? null, decided: row.decision?.decidedAt ?? null } : null;
  }

  async listAppealHearing(_tx: EntityManager, appealId: string, expectedVersion: number, hearing: AppealHearing): Promise<void> {
    versioned(this.tables.appeals, appealId, expectedVersion, 'The appeal').hearing = { ...hearing };
  }

  async decideAppeal(_tx: EntityManager, appealId: string, expectedVersion: number, decision: AppealDecision): Promise<void> {
    versioned(this.tables.appeals, appealId, expectedVersion, 'The appeal').decision = { ...decision };
  }
}

export class InMemoryCourtInformings implements CourtInformingsRepository {
  constructor(private readonly tables: CourtTables) {}

  async told(_tx: EntityManager, journeyId: string, of: InformedOf): Promise<boolean> {
    return this.tables.informings.some(
      (row) => row.journeyId === journeyId && row.subject === of.subject && row.subjectId === of.subjectId && row.hearingVersion === of.hearingVersion && row.stage === of.stage,
    );
  }

  async insert(_tx: EntityManager, informing: NewInforming): Promise<void> {
    this.tables.informings.push({ ...informing });
  }
}

/**
 * CourtRecords over the tables: the look-ups commands make, and the API's views of a record
 * as far as the tables hold them (no journeys told, no inform duties: those are the
 * ledger's, covered by the integration tests).
 */
export class InMemoryCourtRecords extends CourtRecords {
  constructor(
    private readonly tables: CourtTables,
    clock: Clock,
  ) {
    super(clock);
  }

  override async crimeOfRecord(_tx: EntityManager, scope: AccessScope, kind: CourtRecordKind, id: string): Promise<string | null> {
    const rows: Array<{ id: string; areaId: string; crimeId: string }> = kind === 'hearing' ? this.tables.hearings : kind === 'outcome' ? this.tables.outcomes : this.tables.appeals;
    const row = rows.find((record) => record.id === id && scope.allows(record.areaId));
    return row?.crimeId ?? null;
  }

  override async areaAndJourneysOfCrime(): Promise<{ areaId: string; journeyIds: string[] }> {
    return { areaId: this.tables.hearings[0]?.areaId ?? this.tables.outcomes[0]!.areaId, journeyIds: [] };
  }

  override async activeCourt(_tx: EntityManager, courtId: string, areaId: string): Promise<CourtView | null> {
    return this.tables.courts.find((court) => court.id === courtId && court.areaId === areaId) ?? null;
  }

  override async defendantsNotOnCrime(_tx: EntityManager, crimeId: string, defendantIds: readonly string[]): Promise<string[]> {
    return defendantIds.filter((id) => !this.tables.defendants.some((defendant) => defendant.id === id && defendant.crimeId === crimeId));
  }

  override async hearings(_tx: EntityManager, crimeId: string, options: { hearingId?: string } = {}): Promise<HearingResponse[]> {
    return this.tables.hearings
      .filter((row) => row.crimeId === crimeId && (!options.hearingId || row.id === options.hearingId))
      .map((row) => ({
        id: row.id,
        areaId: row.areaId,
        crimeId: row.crimeId,
        type: row.type,
        status: row.status,
        court: this.tables.courts.find((court) => court.id === row.courtId)!,
        listedFor: row.listedFor,
        listingVersion: row.listingVersion,
        adjournedAt: row.adjournedAt,
        adjournmentReason: row.adjournmentReason,
        vacatedAt: row.vacatedAt,
        vacationReason: row.vacationReason,
        heardAt: row.heardAt,
        effectiveness: row.effectiveness,
        effectivenessReason: row.effectivenessReason,
        defendants: row.defendantIds.map((id) => ({ ...this.defendant(id), plea: row.pleas.find((plea) => plea.defendantId === id)?.plea ?? null })),
        listings: this.tables.listings
          .filter((listing) => listing.hearingId === row.id)
          .map((listing) => ({
            listingVersion: listing.listingVersion,
            change: listing.change,
            status: listing.status,
            courtId: listing.courtId,
            listedFor: listing.listedFor,
            reason: listing.reason,
            occurredAt: listing.occurredAt,
          })),
        journeys: [],
        version: row.version,
      }));
  }

  override async bailDecisions(_tx: EntityManager, crimeId: string, options: { bailDecisionId?: string } = {}): Promise<BailDecisionResponse[]> {
    return this.tables.bailDecisions
      .filter((row) => row.crimeId === crimeId && (!options.bailDecisionId || row.id === options.bailDecisionId))
      .map((row) => ({ id: row.id, crimeId: row.crimeId, defendant: this.defendant(row.defendantId), kind: row.kind, decidedAt: row.decidedAt, journeys: [] }));
  }

  override async outcomes(_tx: EntityManager, crimeId: string, options: { outcomeId?: string } = {}): Promise<OutcomeResponse[]> {
    return Promise.all(
      this.tables.outcomes
        .filter((row) => row.crimeId === crimeId && (!options.outcomeId || row.id === options.outcomeId))
        .map(async (row) => ({
          id: row.id,
          crimeId: row.crimeId,
          defendant: this.defendant(row.defendantId),
          hearingId: row.hearingId,
          verdict: row.verdict,
          verdictAt: row.verdictAt,
          // The answer's vcsEligible is CourtRecords' (libs/victims-code); the sentence as stored is enough here.
          sentence: row.sentence ? { ...row.sentence, vcsEligible: false } : null,
          appeals: await this.appeals(_tx, crimeId, { outcomeIds: [row.id] }),
          journeys: [],
          victimWindows: [],
          version: row.version,
        })),
    );
  }

  override async appeals(_tx: EntityManager, crimeId: string, options: { appealId?: string; outcomeIds?: string[] } = {}): Promise<AppealResponse[]> {
    return this.tables.appeals
      .filter((row) => row.crimeId === crimeId && (!options.appealId || row.id === options.appealId) && (!options.outcomeIds || options.outcomeIds.includes(row.outcomeId)))
      .map((row) => ({
        id: row.id,
        crimeId: row.crimeId,
        outcomeId: row.outcomeId,
        by: row.by,
        against: row.against,
        lodgedAt: row.lodgedAt,
        stage: row.decision ? 'decided' : row.hearing ? 'hearing_listed' : 'lodged',
        hearing: row.hearing ? { courtId: row.hearing.courtId, listedFor: row.hearing.listedFor, listedAt: row.hearing.listedAt } : null,
        decision: row.decision ? { decidedAt: row.decision.decidedAt, result: row.decision.result } : null,
        journeys: [],
        version: row.version,
      }));
  }

  private defendant(id: string): { id: string; reference: string } {
    return { id, reference: this.tables.defendants.find((defendant) => defendant.id === id)?.reference ?? '' };
  }
}

export const COURT_ID = 'c0000000-0000-4000-8000-000000000001';
export const OTHER_COURT_ID = 'c0000000-0000-4000-8000-000000000002';
/** A court of another area: never one a command on this crime may use. */
export const COURT_ELSEWHERE_ID = 'c0000000-0000-4000-8000-000000000003';
export const DEFENDANT_ID = 'd0000000-0000-4000-8000-000000000001';
export const CO_DEFENDANT_ID = 'd0000000-0000-4000-8000-000000000002';

/**
 * A crime with two courts of its area (and one elsewhere) and two defendants, the court's
 * tables and repositories over it, and the real CourtWork on the crime frame: what every
 * court service spec starts from.
 */
export function courtWorld(options: { now: string; actor?: Partial<Actor> }) {
  const frame = new CrimeFrame(options);
  const tables = new CourtTables(frame);
  const areaId = frame.crime.areaId;
  tables.courts.push(
    { id: COURT_ID, areaId, code: 'teesside-crown', name: 'Teesside Crown Court', kind: 'crown' },
    { id: OTHER_COURT_ID, areaId, code: 'teesside-magistrates', name: 'Teesside Magistrates’ Court', kind: 'magistrates' },
    { id: COURT_ELSEWHERE_ID, areaId: '77777777-7777-4777-8777-777777777777', code: 'durham-crown', name: 'Durham Crown Court', kind: 'crown' },
  );
  tables.defendants.push({ id: DEFENDANT_ID, crimeId: frame.crime.id, reference: 'DEF-000001' }, { id: CO_DEFENDANT_ID, crimeId: frame.crime.id, reference: 'DEF-000002' });
  const records = new InMemoryCourtRecords(tables, frame.clock);
  return {
    frame,
    tables,
    records,
    work: new CourtWork(frame.crimeWork, frame.transactions, frame.audit, records, frame.clock),
    hearings: new InMemoryHearings(tables),
    bailDecisions: new InMemoryBailDecisions(tables),
    outcomes: new InMemoryCourtOutcomes(tables),
    informings: new InMemoryCourtInformings(tables),
  };
}
