import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { Appeal } from '../court/entities/appeal.entity.js';
import { CourtBailDecision } from '../court/entities/court-bail-decision.entity.js';
import { Court } from '../court/entities/court.entity.js';
import { CourtInforming } from '../court/entities/court-informing.entity.js';
import { CourtOutcome } from '../court/entities/court-outcome.entity.js';
import { HearingListing } from '../court/entities/hearing-listing.entity.js';
import { HearingPlea } from '../court/entities/hearing-plea.entity.js';
import { Hearing } from '../court/entities/hearing.entity.js';
import { Defendant } from '../crimes/entities/defendant.entity.js';
import { Area } from '../identity/entities/area.entity.js';
import { Organisation } from '../identity/entities/organisation.entity.js';
import { RefreshToken } from '../identity/entities/refresh-token.entity.js';
import { UserArea } from '../identity/entities/user-area.entity.js';
import { User } from '../identity/entities/user.entity.js';
import { CpsDecision } from '../investigation/entities/cps-decision.entity.js';
import { DecisionNotice } from '../investigation/entities/decision-notice.entity.js';
import { PoliceDecision } from '../investigation/entities/police-decision.entity.js';
import { VrrRequest } from '../investigation/entities/vrr-request.entity.js';
import { Crime } from '../crimes/entities/crime.entity.js';
import { Duty } from '../journeys/entities/duty.entity.js';
import { JourneyEvent } from '../journeys/entities/journey-event.entity.js';
import { Journey } from '../journeys/entities/journey.entity.js';
import { SharingConsent } from '../journeys/entities/sharing-consent.entity.js';
import { Notification } from '../notifications/entities/notification.entity.js';
import { Complaint } from '../after-outcome/entities/complaint.entity.js';
import { ExpenseClaim } from '../after-outcome/entities/expense-claim.entity.js';
import { RjOffer } from '../after-outcome/entities/rj-offer.entity.js';
import { RjReferral } from '../after-outcome/entities/rj-referral.entity.js';
import { VcsReferral } from '../after-outcome/entities/vcs-referral.entity.js';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import { Person } from '../people/entities/person.entity.js';
import { ReferralImport } from '../referrals/imports/entities/referral-import.entity.js';
import { AssessedNeed } from '../support/entities/assessed-need.entity.js';
import { ContactAttempt } from '../support/entities/contact-attempt.entity.js';
import { CopeRecoverMeasure } from '../support/entities/cope-recover-measure.entity.js';
import { NeedsAssessment } from '../support/entities/needs-assessment.entity.js';
import { OnwardReferral } from '../support/entities/onward-referral.entity.js';
import { SupportAction } from '../support/entities/support-action.entity.js';
import { InterpreterBooking } from '../witness/entities/interpreter-booking.entity.js';
import { SpecialMeasureRequest } from '../witness/entities/special-measure-request.entity.js';
import { WitnessAttendance } from '../witness/entities/witness-attendance.entity.js';
import { WitnessCareCase } from '../witness/entities/witness-care-case.entity.js';
import { WitnessNeed } from '../witness/entities/witness-need.entity.js';
import { WitnessNeedsAssessment } from '../witness/entities/witness-needs-assessment.entity.js';
import { WitnessWarning } from '../witness/entities/witness-warning.entity.js';

/** Every entity, for the data source and `migration:generate`. */
export const ALL_ENTITIES = [
  Area, Organisation, User, UserArea, RefreshToken, AuditEntry, Person,
  Crime, Journey, JourneyEvent, Duty, SharingConsent, OutboxMessage, ReferralImport,
  ContactAttempt, NeedsAssessment, AssessedNeed, CopeRecoverMeasure, SupportAction, OnwardReferral,
  Notification,
  Court, Defendant, Hearing,
  HearingListing, HearingPlea, CourtBailDecision, CourtOutcome, Appeal, CourtInforming,
  WitnessCareCase, WitnessNeedsAssessment, WitnessNeed, SpecialMeasureRequest, InterpreterBooking, WitnessWarning, WitnessAttendance,
  PoliceDecision, CpsDecision, DecisionNotice, VrrRequest,
  RjOffer, RjReferral, VcsReferral, Complaint, ExpenseClaim,
];
