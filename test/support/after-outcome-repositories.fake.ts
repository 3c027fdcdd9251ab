import type { EntityManager } from 'typeorm';
import type { ComplaintChanges, ComplaintsRepository, NewComplaint } from '../../src/after-outcome/complaints.repository.js';
import type { ComplaintResponse } from '../../src/after-outcome/dto/complaint.dto.js';
import type { ExpenseClaimResponse } from '../../src/after-outcome/dto/expense-claim.dto.js';
import type { RjOfferResponse } from '../../src/after-outcome/dto/rj-offer.dto.js';
import type { RjReferralResponse } from '../../src/after-outcome/dto/rj-referral.dto.js';
import type { VcsReferralResponse } from '../../src/after-outcome/dto/vcs-referral.dto.js';
import type { ExpenseClaimDecided, ExpenseClaimsRepository, NewExpenseClaim } from '../../src/after-outcome/expense-claims.repository.js';
import type { NewRjOffer, OfferToRefer, RjOffersRepository } from '../../src/after-outcome/rj-offers.repository.js';
import type { NewRjReferral, RjOutcomeRecorded, RjReferralsRepository } from '../../src/after-outcome/rj-referrals.repository.js';
import type { CaseReached, SentenceEvent, TimelineFact, TimelineRepository } from '../../src/after-outcome/timeline.repository.js';
import type { NewVcsReferral, VcsContactRecorded, VcsReferralsRepository } from '../../src/after-outcome/vcs-referrals.repository.js';
import type { JourneyEventType } from '../../src/journeys/journey-events.js';
import { versioned, type JourneyFrame } from './journey-frame.fake.js';

/** An event already on a journey's timeline when the spec begins (a charge, a sentence). */
export interface EarlierEvent {
  id: string;
  journeyId: string;
  type: JourneyEventType;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** A duty the ledger stored, by its key (`complaint.respond|complaint:<id>`): rows show its deadline. */
export interface StoredDeadline {
  journeyId: string;
  key: string;
  dueAt: Date;
}

type StoredComplaint = Omit<ComplaintResponse, 'acknowledgeBy' | 'respondBy'> & { areaId: string };
type StoredClaim = Omit<ExpenseClaimResponse, 'decideBy'> & { areaId: string };
type StoredOffer = RjOfferResponse & { areaId: string };
type StoredRjReferral = RjReferralResponse & { areaId: string };
type StoredVcsReferral = VcsReferralResponse & { areaId: string; sentenceEventId: string };

/**
 * The after-outcome tables in memory, for its service specs: arrays made with
 * JourneyFrame.table() so they roll back with a refused command. Events already on the
 * timeline, the duties' deadlines and the crimes' offence categories are set up by the spec;
 * events a command records are the frame's.
 */
export class AfterOutcomeTables {
  readonly events: EarlierEvent[];
  readonly deadlines: StoredDeadline[];
  readonly crimes: Array<{ id: string; offenceCategory: string }>;
  readonly complaints: StoredComplaint[];
  readonly claims: StoredClaim[];
  readonly offers: StoredOffer[];
  readonly rjReferrals: StoredRjReferral[];
  readonly vcsReferrals: StoredVcsReferral[];

  constructor(frame: Pick<JourneyFrame, 'table'>) {
    this.events = frame.table();
    this.deadlines = frame.table();
    this.crimes = frame.table();
    this.complaints = frame.table();
    this.claims = frame.table();
    this.offers = frame.table();
    this.rjReferrals = frame.table();
    this.vcsReferrals = frame.table();
  }

  dueAt(journeyId: string, key: string): Date | null {
    return this.deadlines.find((deadline) => deadline.journeyId === journeyId && deadline.key === key)?.dueAt ?? null;
  }
}

/**
 * The journey's timeline: the events set up by the spec, then those the frame's ledger
 * recorded, with the ids it gave them, ordered as they happened (then as recorded).
 */
export class InMemoryTimeline implements TimelineRepository {
  constructor(
    private readonly tables: AfterOutcomeTables,
    private readonly frame: JourneyFrame,
  ) {}

  async facts(_tx: EntityManager, journeyId: string, types: readonly JourneyEventType[]): Promise<TimelineFact[]> {
    return this.eventsOf(journeyId).filter((event) => types.includes(event.type));
  }

  async sentences(_tx: EntityManager, journeyId: string): Promise<SentenceEvent[]> {
    return this.eventsOf(journeyId)
      .filter((event) => event.type === 'court.sentence')
      .map((event) => ({
        id: event.eventId,
        outcomeId: String(event.payload.outcomeId),
        occurredAt: event.occurredAt,
        sentence: {
          offenceViolentOrSexual: event.payload.offenceViolentOrSexual === true,
          custodialMonths: Number(event.payload.custodialMonths ?? 0),
          hospitalOrder: event.payload.hospitalOrder === true,
        },
      }));
  }

  async caseReachedAt(_tx: EntityManager, journeyId: string, at: Date): Promise<CaseReached> {
    const before = this.eventsOf(journeyId).filter((event) => event.occurredAt <= at);
    return {
      charged: before.some((event) => event.type === 'police.decision-made' && event.payload.kind === 'charged'),
      sentenced: before.some((event) => event.type === 'court.sentence'),
    };
  }

  private eventsOf(journeyId: string): TimelineFact[] {
    const earlier = this.tables.events
      .filter((event) => event.journeyId === journeyId)
      .map((event) => ({ eventId: event.id, type: event.type, occurredAt: event.occurredAt, recordedAt: event.occurredAt, recordedBy: null, payload: event.payload }));
    const recorded =
      journeyId === this.frame.journey.id
        ? this.frame.recorded.flatMap((entry, index) =>
            entry.events.map((event, position) => ({
              eventId: `event-${index + 1}-${position}`,
              type: event.type,
              occurredAt: event.occurredAt,
              recordedAt: this.frame.clock.now(),
              recordedBy: this.frame.actor.userId,
              payload: event.payload as Record<string, unknown>,
            })),
          )
        : [];
    return [...earlier, ...recorded].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  }
}

export class InMemoryComplaints implements ComplaintsRepository {
  constructor(private readonly tables: AfterOutcomeTables) {}

  async insert(_tx: EntityManager, complaint: NewComplaint): Promise<void> {
    this.tables.complaints.push({
      ...complaint,
      rightsConcerned: [...complaint.rightsConcerned],
      status: 'received',
      acknowledgedAt: null,
      respondedAt: null,
      finding: null,
      escalatedTo: null,
      escalatedAt: null,
      version: 1,
    });
  }

  async byId(_tx: EntityManager, id: string, journeyId: string): Promise<ComplaintResponse | null> {
    const row = this.tables.complaints.find((complaint) => complaint.id === id && complaint.journeyId === journeyId);
    return row ? this.view(row) : null;
  }

  async ofJourney(_tx: EntityManager, journeyId: string): Promise<ComplaintResponse[]> {
    return newestFirst(this.tables.complaints.filter((complaint) => complaint.journeyId === journeyId), (complaint) => complaint.receivedAt).map((row) => this.view(row));
  }

  async update(_tx: EntityManager, id: string, expectedVersion: number, changes: ComplaintChanges): Promise<void> {
    assignDefined(versioned(this.tables.complaints, id, expectedVersion, 'The complaint'), changes);
  }

  private view({ areaId: _areaId, ...row }: StoredComplaint): ComplaintResponse {
    return {
      ...row,
      acknowledgeBy: this.tables.dueAt(row.journeyId, `complaint.acknowledge|complaint:${row.id}`),
      respondBy: this.tables.dueAt(row.journeyId, `complaint.respond|complaint:${row.id}`),
    };
  }
}

export class InMemoryExpenseClaims implements ExpenseClaimsRepository {
  constructor(private readonly tables: AfterOutcomeTables) {}

  async insert(_tx: EntityManager, claim: NewExpenseClaim): Promise<void> {
    this.tables.claims.push({ ...claim, status: 'received', decidedAt: null, amountPaidPence: null, refusalReason: null, version: 1 });
  }

  async byId(_tx: EntityManager, id: string, journeyId: string): Promise<ExpenseClaimResponse | null> {
    const row = this.tables.claims.find((claim) => claim.id === id && claim.journeyId === journeyId);
    return row ? this.view(row) : null;
  }

  async ofJourney(_tx: EntityManager, journeyId: string): Promise<ExpenseClaimResponse[]> {
    return newestFirst(this.tables.claims.filter((claim) => claim.journeyId === journeyId), (claim) => claim.receivedAt).map((row) => this.view(row));
  }

  async update(_tx: EntityManager, id: string, expectedVersion: number, decided: ExpenseClaimDecided): Promise<void> {
    assignDefined(versioned(this.tables.claims, id, expectedVersion, 'The expense claim'), decided);
  }

  private view({ areaId: _areaId, ...row }: StoredClaim): ExpenseClaimResponse {
    return { ...row, decideBy: this.tables.dueAt(row.journeyId, `cps.pay-expenses|expense_claim:${row.id}`) };
  }
}

export class InMemoryRjOffers implements RjOffersRepository {
  constructor(private readonly tables: AfterOutcomeTables) {}

  async insert(_tx: EntityManager, offer: NewRjOffer): Promise<RjOfferResponse> {
    const row: StoredOffer = { ...offer, answer: offer.response === 'interested' ? 'interested' : 'not_interested' };
    this.tables.offers.push(row);
    return view(row);
  }

  async ofJourney(_tx: EntityManager, journeyId: string): Promise<RjOfferResponse[]> {
    return this.newestOf(journeyId).map(view);
  }

  async offerOf(_tx: EntityManager, journeyId: string, offerId: string): Promise<OfferToRefer | null> {
    const row = this.tables.offers.find((offer) => offer.id === offerId && offer.journeyId === journeyId);
    return row ? { id: row.id, response: row.response, offeredAt: row.offeredAt } : null;
  }

  async latestOffer(_tx: EntityManager, journeyId: string): Promise<OfferToRefer | null> {
    const [row] = this.newestOf(journeyId);
    return row ? { id: row.id, response: row.response, offeredAt: row.offeredAt } : null;
  }

  private newestOf(journeyId: string): StoredOffer[] {
    return newestFirst(this.tables.offers.filter((offer) => offer.journeyId === journeyId), (offer) => offer.offeredAt);
  }
}

export class InMemoryRjReferrals implements RjReferralsRepository {
  constructor(private readonly tables: AfterOutcomeTables) {}

  async hasPending(_tx: EntityManager, journeyId: string): Promise<boolean> {
    return this.tables.rjReferrals.some((referral) => referral.journeyId === journeyId && referral.outcome === 'pending');
  }

  async insert(_tx: EntityManager, referral: NewRjReferral): Promise<RjReferralResponse> {
    const row: StoredRjReferral = { ...referral, outcome: 'pending', outcomeAt: null, version: 1 };
    this.tables.rjReferrals.push(row);
    return view(row);
  }

  async byId(_tx: EntityManager, id: string, journeyId: string): Promise<RjReferralResponse | null> {
    const row = this.tables.rjReferrals.find((referral) => referral.id === id && referral.journeyId === journeyId);
    return row ? view(row) : null;
  }

  async ofJourney(_tx: EntityManager, journeyId: string): Promise<RjReferralResponse[]> {
    return newestFirst(this.tables.rjReferrals.filter((referral) => referral.journeyId === journeyId), (referral) => referral.referredAt).map(view);
  }

  async update(_tx: EntityManager, id: string, expectedVersion: number, recorded: RjOutcomeRecorded): Promise<void> {
    assignDefined(versioned(this.tables.rjReferrals, id, expectedVersion, 'The restorative justice referral'), recorded);
  }
}

export class InMemoryVcsReferrals implements VcsReferralsRepository {
  constructor(private readonly tables: AfterOutcomeTables) {}

  async exists(_tx: EntityManager, journeyId: string, outcomeId: string): Promise<boolean> {
    return this.tables.vcsReferrals.some((referral) => referral.journeyId === journeyId && referral.outcomeId === outcomeId);
  }

  async insert(_tx: EntityManager, referral: NewVcsReferral): Promise<VcsReferralResponse> {
    const row: StoredVcsReferral = { ...referral, status: 'referred', contactedAt: null, victimChoice: null, version: 1 };
    this.tables.vcsReferrals.push(row);
    return this.view(row);
  }

  async byId(_tx: EntityManager, id: string, journeyId: string): Promise<VcsReferralResponse | null> {
    const row = this.tables.vcsReferrals.find((referral) => referral.id === id && referral.journeyId === journeyId);
    return row ? this.view(row) : null;
  }

  async ofJourney(_tx: EntityManager, journeyId: string): Promise<VcsReferralResponse[]> {
    return newestFirst(this.tables.vcsReferrals.filter((referral) => referral.journeyId === journeyId), (referral) => referral.referredAt).map((row) => this.view(row));
  }

  async update(_tx: EntityManager, id: string, expectedVersion: number, contact: VcsContactRecorded): Promise<void> {
    assignDefined(versioned(this.tables.vcsReferrals, id, expectedVersion, 'The Victim Contact Scheme referral'), contact);
  }

  async offenceCategoryOf(_tx: EntityManager, crimeId: string): Promise<string | null> {
    return this.tables.crimes.find((crime) => crime.id === crimeId)?.offenceCategory ?? null;
  }

  private view({ sentenceEventId: _sentenceEventId, ...row }: StoredVcsReferral): VcsReferralResponse {
    return view(row);
  }
}

/** A copy of the row without its area, as the API shows it. */
function view<Row extends { areaId: string }>({ areaId: _areaId, ...row }: Row): Omit<Row, 'areaId'> {
  return { ...row };
}

/** Newest first by `at`, then by when the row was added (created_at), as the repositories order them. */
function newestFirst<Row>(rows: Row[], at: (row: Row) => Date): Row[] {
  return rows
    .map((row, added) => ({ row, added }))
    .sort((a, b) => at(b.row).getTime() - at(a.row).getTime() || b.added - a.added)
    .map(({ row }) => row);
}

function assignDefined(row: object, changes: object): void {
  for (const [field, value] of Object.entries(changes)) if (value !== undefined) Object.assign(row, { [field]: value });
}

/** The after-outcome tables and repositories over one frame. */
export function afterOutcomeWorld(frame: JourneyFrame) {
  const tables = new AfterOutcomeTables(frame);
  return {
    tables,
    timeline: new InMemoryTimeline(tables, frame),
    complaints: new InMemoryComplaints(tables),
    claims: new InMemoryExpenseClaims(tables),
    offers: new InMemoryRjOffers(tables),
    rjReferrals: new InMemoryRjReferrals(tables),
    vcsReferrals: new InMemoryVcsReferrals(tables),
  };
}
