import { CODE_EVENT_TYPES, type CodeEventPayloads, type CodeEventType, type EventReason } from '../../libs/victims-code/src/index.js';

/**
 * Events the service records on a timeline besides the Victims' Code events: they tell
 * the story (who tried to call, who handed over and why) but owe nobody a duty.
 */
export const SERVICE_EVENT_TYPES = [
  'referral.linked',
  'contact.attempted',
  'cope-recover.recorded',
  'support.declined',
  'support.signposted',
  'support-plan.action-added',
  'support-plan.action-updated',
  'onward-referral.made',
  'onward-referral.outcome-recorded',
  'lead-worker.assigned',
  'journey.handed-over',
  'journey.reopened',
  'sharing-consent.recorded',
  'sharing-consent.withdrawn',
  'information-via.changed',
  'satisfaction.recorded',
  'duty.breached',
  // Enhanced rights (src/journeys): a basis staff removed, with why (the note stays off the timeline).
  'enhanced-rights.basis-removed',
  'enhanced-rights.basis-confirmed',
  // Crimes (src/crimes): the police reclassified the crime or corrected its offence date;
  // enhanced rights are derived again from the new facts.
  'crime.reclassified',
  // Court (src/court): what the court did that owes no Code duty of its own.
  'hearing.heard',
  // Witness care (src/witness): the unit's work for a witness after charge.
  'witness-care.opened',
  'special-measure.requested',
  'special-measure.applied-for',
  'special-measure.decided',
  'pre-trial-visit.recorded',
  'interpreter.booked',
  'witness.warned',
  'witness.attendance-recorded',
  'witness.follow-up-resolved',
  // Investigation (src/investigation): defendants are named by id and DEF- reference only.
  'defendant.added',
  // After the outcome (src/after-outcome): rights that run beside the case and owe no duty of their own.
  'vps.made',
  'vps.updated',
  'vps.read-in-court',
  'rj.referred',
  'rj.outcome-recorded',
  'vcs.discretionary-referred',
  'vcs.discretionary-contacted',
  'complaint.escalated',
  'compensation.information-given',
  'property.returned',
] as const;
export type ServiceEventType = (typeof SERVICE_EVENT_TYPES)[number];

export type JourneyEventType = CodeEventType | ServiceEventType;

/**
 * When news was received and why it is on this journey, for events whose Code clock runs
 * from receipt (libs/victims-code RECEIPT_CLOCK_EVENT_TYPES): `receivedAt` is when the
 * duty-holder received it; `reason: 'late_referral'` marks news from before the victim
 * was referred, still owed to them. The third time, `recordedAt`, is the server's.
 */
export interface EventReceipt {
  receivedAt?: Date;
  reason?: EventReason;
}

/** An event a command adds to a journey, before it is stored. */
export type NewJourneyEvent =
  | { [K in CodeEventType]: { type: K; occurredAt: Date; payload: CodeEventPayloads[K] } & EventReceipt }[CodeEventType]
  | ({ type: ServiceEventType; occurredAt: Date; payload: Record<string, unknown> } & EventReceipt);

const CODE_TYPES = new Set<string>(CODE_EVENT_TYPES);

export function isCodeEventType(type: string): type is CodeEventType {
  return CODE_TYPES.has(type);
}

/**
 * Typed builder, so a Code event's payload is checked against the engine's vocabulary.
 * `extra` is kept on the payload for the timeline's reader (why a late referral owes this
 * news, the bases of enhanced rights); the engine reads only its own fields.
 */
export function codeEvent<T extends CodeEventType>(
  type: T,
  occurredAt: Date,
  payload: CodeEventPayloads[T],
  receipt: EventReceipt = {},
  extra: Record<string, unknown> = {},
): NewJourneyEvent {
  return { type, occurredAt, payload: { ...payload, ...extra }, ...withoutUndefined(receipt) } as NewJourneyEvent;
}

function withoutUndefined(receipt: EventReceipt): EventReceipt {
  return {
    ...(receipt.receivedAt ? { receivedAt: receipt.receivedAt } : {}),
    ...(receipt.reason ? { reason: receipt.reason } : {}),
  };
}

export function serviceEvent(type: ServiceEventType, occurredAt: Date, payload: Record<string, unknown> = {}): NewJourneyEvent {
  return { type, occurredAt, payload };
}
