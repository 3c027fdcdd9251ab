import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as build from './code-event.builder.js';
import { leavesCompliance, type Duty, type UnmatchedEvent } from './duties.js';
import type { ResolvedJourneyFacts } from './event-effects.js';
import { compareEvents, effectiveAt, type CodeEvent } from './events.js';
import { applyEvent, evaluateDuties } from './evaluator.js';

// Events on whole hours across seven weeks from Monday 5 January 2026, so many share an
// instant; a handful of ids for each subject, so openers, discharges and repeats meet.
const START = Date.parse('2026-01-05T00:00:00Z');
const HOURS = 24 * 49;
const instant = fc.integer({ min: 0, max: HOURS }).map((hours) => new Date(START + hours * 3_600_000).toISOString());
const AT = new Date(START + (HOURS + 24) * 3_600_000);

const decisionId = fc.constantFrom('PD-1', 'PD-2');
const outcomeId = fc.constantFrom('OUT-1', 'OUT-2');
const version = fc.integer({ min: 1, max: 3 });
const informationKinds = fc.subarray(['police_decision', 'hearing', 'outcome', 'victim_contact_scheme'] as const, {
  minLength: 1,
});

const anEvent: fc.Arbitrary<CodeEvent> = fc.oneof(
  fc
    .tuple(instant, fc.constantFrom('burglary', 'domestic_abuse'), fc.constantFrom('given', 'objected', 'not_recorded'))
    .map(([at, offenceCategory, referralConsent]) => build.crimeReported(at, { offenceCategory, referralConsent })),
  fc
    .tuple(instant, fc.constantFrom('given', 'objected'))
    .map(([at, consent]) => build.referralConsentRecorded(at, consent)),
  instant.map((at) => build.crimeReportAcknowledged(at)),
  instant.map((at) => build.referralReceived(at)),
  instant.map((at) => build.contactSucceeded(at)),
  instant.map((at) => build.supportAccepted(at)),
  instant.map((at) => build.rjOffered(at)),
  fc
    .tuple(instant, fc.constantFrom('charged', 'suspect_arrested'), decisionId)
    .map(([at, kind, id]) => build.policeDecision(at, kind, id)),
  fc.tuple(instant, decisionId).map(([at, id]) => build.informedOfPoliceDecision(at, id)),
  instant.map((at) => build.witnessStatementGiven(at)),
  instant.map((at) => build.vpsOffered(at)),
  fc
    .tuple(fc.constantFrom('listed', 'moved', 'adjourned', 'vacated'), instant, version)
    .map(([change, at, v]) => build.hearing(change, at, v)),
  fc.tuple(instant, version).map(([at, v]) => build.informedOfHearing(at, v)),
  fc
    .tuple(instant, outcomeId, fc.integer({ min: 0, max: 30 }))
    .map(([at, id, months]) => build.sentence(at, { outcomeId: id, custodialMonths: months })),
  fc.tuple(instant, outcomeId).map(([at, id]) => build.informedOfOutcome(at, id)),
  fc.tuple(instant, outcomeId).map(([at, id]) => build.vcsReferred(at, id)),
  fc
    .tuple(instant, fc.constantFrom<Duty['owner']>('police', 'cps'))
    .map(([at, against]) => build.complaintReceived(at, against)),
  instant.map((at) => build.complaintResponded(at)),
  instant.map((at) => build.enhancedRightsRecorded(at)),
  fc.tuple(instant, informationKinds).map(([at, kinds]) => build.optedOut(at, [...kinds])),
  fc.tuple(instant, informationKinds).map(([at, kinds]) => build.optedIn(at, [...kinds])),
  fc
    .tuple(
      instant,
      fc.constantFrom('police.inform-decision|police_decision:PD-1', 'wcu.inform-hearing|hearing:H-1@v1'),
      fc.constantFrom('recorded_in_error', 'duplicate', 'not_applicable'),
    )
    .map(([at, key, reason]) => build.dutyWithdrawn(at, key, reason)),
  instant.map((at) => build.journeyClosed(at)),
  fc
    .tuple(
      instant,
      fc.oneof(
        decisionId.map((id) => ['police_decision', id, {}] as const),
        fc.option(version, { nil: undefined }).map((v) => ['hearing', 'H-1', { hearingVersion: v }] as const),
        outcomeId.map((id) => ['outcome', id, {}] as const),
      ),
    )
    .map(([at, [kind, id, narrower]]) => build.recordVoided(at, kind, id, narrower)),
);

// Now and then two different events arrive with the same id, as a faulty partner system
// might send; now and then news reaches its duty-holder hours or days after it happened.
const aJourney = fc.array(
  fc
    .tuple(
      anEvent,
      fc.option(fc.constantFrom('dup-1', 'dup-2'), { freq: 8 }),
      fc.option(fc.integer({ min: 0, max: 72 }), { freq: 3 }),
    )
    .map(([event, id, hoursToReceipt]) => {
      const withReceipt =
        hoursToReceipt === null
          ? event
          : { ...event, receivedAt: new Date(event.occurredAt.getTime() + hoursToReceipt * 3_600_000) };
      return id ? build.withId(withReceipt, id) : withReceipt;
    }),
  { maxLength: 30 },
);

/** What the service layer does: apply each event in canonical order and persist its changes. */
function foldApplyEvent(events: readonly CodeEvent[], at: Date) {
  const firstById = new Map<string, CodeEvent>();
  for (const event of [...events].sort(compareEvents)) {
    if (effectiveAt(event) <= at && !firstById.has(event.id)) firstById.set(event.id, event);
  }
  const ordered = [...firstById.values()];
  const stored = new Map<string, Duty>();
  const unmatched: UnmatchedEvent[] = [];
  let facts: ResolvedJourneyFacts = { enhancedSince: null, optedOutOf: [], crimeReportAcknowledgedAt: null };
  for (const event of ordered) {
    const all = [...stored.values()];
    const changes = applyEvent({
      event,
      openDuties: all.filter((duty) => duty.status === 'open'),
      closedDutyKeys: all.filter((duty) => duty.status !== 'open').map((duty) => duty.key),
      ...facts,
    });
    for (const duty of changes.open) stored.set(duty.key, duty);
    for (const { key, ...met } of changes.discharge) stored.set(key, { ...stored.get(key)!, ...met });
    for (const { key, reason, at: withdrawnAt } of changes.withdraw) {
      stored.set(key, { ...stored.get(key)!, status: 'withdrawn', withdrawnReason: reason, withdrawnAt });
    }
    unmatched.push(...changes.unmatched);
    facts = changes.facts;
  }
  const duties = [...stored.values()].map((duty): Duty =>
    duty.status === 'open' && at > duty.dueAt ? { ...duty, status: 'breached' } : duty,
  );
  return { duties, unmatched, facts };
}

// A journey with corrections of some of its own events' instants, each made after the
// event it corrects took effect (a record is corrected once it has been recorded).
const aCorrectedJourney = aJourney
  .filter((events) => events.length > 0)
  .chain((events) =>
    fc.tuple(
      fc.constant(events),
      fc.array(
        fc.tuple(
          fc.nat(events.length - 1),
          fc.integer({ min: -48, max: 48 }),
          fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
          fc.integer({ min: 0, max: 96 }),
        ),
        { maxLength: 3 },
      ),
    ),
  )
  .map(([events, corrections]) => {
    const hour = 3_600_000;
    const correctionEvents = corrections.map(([index, shift, hoursToReceipt, hoursAfter]) => {
      const target = events[index]!;
      const occurredAt = new Date(target.occurredAt.getTime() + shift * hour);
      const receivedAt = hoursToReceipt === undefined ? undefined : new Date(occurredAt.getTime() + hoursToReceipt * hour);
      const madeAt = new Date(Math.max(effectiveAt(target).getTime(), (receivedAt ?? occurredAt).getTime()) + hoursAfter * hour);
      return build.recordCorrected(madeAt.toISOString(), target.id, {
        occurredAt: occurredAt.toISOString(),
        ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
      });
    });
    return [...events, ...correctionEvents];
  });

describe('duty evaluation properties', () => {
  it('gives the same duties folding applyEvent over the events as evaluateDuties does', () => {
    fc.assert(
      fc.property(aJourney, (events) => {
        expect(foldApplyEvent(events, AT)).toEqual(evaluateDuties({ events, at: AT }));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same duties whatever order the events arrive in, corrections included', () => {
    fc.assert(
      fc.property(
        fc.oneof(aJourney, aCorrectedJourney).chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
        ),
        ([events, shuffled]) => {
          expect(evaluateDuties({ events: shuffled, at: AT })).toEqual(evaluateDuties({ events, at: AT }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a corrected journey as if its instants had been recorded right', () => {
    const afterEveryCorrection = new Date(AT.getTime() + 400 * 3_600_000);
    fc.assert(
      fc.property(aCorrectedJourney, (events) => {
        const corrections = events.filter((event) => event.type === 'record.corrected').sort(compareEvents);
        let recordedRight = events;
        for (const { payload } of corrections as CodeEvent<'record.corrected'>[]) {
          recordedRight = recordedRight.map((event) =>
            event.id === payload.eventId && !event.type.startsWith('record.')
              ? {
                  ...event,
                  occurredAt: new Date(payload.occurredAt!),
                  receivedAt: payload.receivedAt ? new Date(payload.receivedAt) : event.receivedAt,
                }
              : event,
          );
        }
        const corrected = evaluateDuties({ events, at: afterEveryCorrection });
        const right = evaluateDuties({ events: recordedRight, at: afterEveryCorrection });
        expect([corrected.duties, corrected.facts]).toEqual([right.duties, right.facts]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every duty consistent with its status', () => {
    fc.assert(
      fc.property(fc.oneof(aJourney, aCorrectedJourney), (events) => {
        const { duties } = evaluateDuties({ events, at: AT });
        expect(new Set(duties.map((duty) => duty.key)).size).toBe(duties.length);
        for (const duty of duties) {
          expect(duty.dueAt > duty.openedAt).toBe(true);
          if (duty.metAt !== null) expect(duty.metAt >= duty.openedAt).toBe(true);
          switch (duty.status) {
            case 'met':
              expect(duty.metAt! <= duty.dueAt && duty.workingDaysLate === 0).toBe(true);
              break;
            case 'met_late':
              expect(duty.metAt! > duty.dueAt && duty.workingDaysLate! >= 0).toBe(true);
              break;
            case 'withdrawn':
              expect(duty.withdrawnReason).not.toBeNull();
              break;
            case 'breached':
              expect(AT > duty.dueAt && duty.metAt === null).toBe(true);
              break;
            case 'open':
              expect(AT <= duty.dueAt).toBe(true);
              break;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never erases a breach except for a duty that was never owed', () => {
    fc.assert(
      fc.property(aJourney, (events) => {
        for (const duty of evaluateDuties({ events, at: AT }).duties) {
          if (duty.status === 'withdrawn' && !leavesCompliance(duty)) {
            expect(duty.withdrawnAt! <= duty.dueAt).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
