import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { Area } from '../identity/entities/area.entity.js';
import { Organisation } from '../identity/entities/organisation.entity.js';
import { RefreshToken } from '../identity/entities/refresh-token.entity.js';
import { UserArea } from '../identity/entities/user-area.entity.js';
import { User } from '../identity/entities/user.entity.js';
import { Crime } from '../journeys/entities/crime.entity.js';
import { Duty } from '../journeys/entities/duty.entity.js';
import { JourneyEvent } from '../journeys/entities/journey-event.entity.js';
import { Journey } from '../journeys/entities/journey.entity.js';
import { SharingConsent } from '../journeys/entities/sharing-consent.entity.js';
import { Notification } from '../notifications/entities/notification.entity.js';
import { Complaint } from '../outcomes/entities/complaint.entity.js';
import { ExpenseClaim } from '../outcomes/entities/expense-claim.entity.js';
import { RjOffer } from '../outcomes/entities/rj-offer.entity.js';
import { RjReferral } from '../outcomes/entities/rj-referral.entity.js';
import { VcsReferral } from '../outcomes/entities/vcs-referral.entity.js';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import { Person } from '../people/entities/person.entity.js';
import { ReferralImport } from '../referrals/imports/entities/referral-import.entity.js';
import { AssessedNeed } from '../support/entities/assessed-need.entity.js';
import { ContactAttempt } from '../support/entities/contact-attempt.entity.js';
import { CopeRecoverMeasure } from '../support/entities/cope-recover-measure.entity.js';
import { NeedsAssessment } from '../support/entities/needs-assessment.entity.js';
import { OnwardReferral } from '../support/entities/onward-referral.entity.js';
import { SupportAction } from '../support/entities/support-action.entity.js';

/** Every entity, for the data source and `migration:generate`. */
export const ALL_ENTITIES = [
  Area, Organisation, User, UserArea, RefreshToken, AuditEntry, Person,
  Crime, Journey, JourneyEvent, Duty, SharingConsent, OutboxMessage, ReferralImport,
  ContactAttempt, NeedsAssessment, AssessedNeed, CopeRecoverMeasure, SupportAction, OnwardReferral,
  Notification,
  RjOffer, RjReferral, VcsReferral, Complaint, ExpenseClaim,
];
