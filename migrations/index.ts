import { Platform1763884800000 } from './1763884800000-platform.js';
import { Journeys1763971200000 } from './1763971200000-journeys.js';
import { Notifications1764057600000 } from './1764057600000-notifications.js';
import { Reminders1764144000000 } from './1764144000000-reminders.js';
import { CrimeProceedings1764230400000 } from './1764230400000-crime-proceedings.js';
import { Investigation1764489600000 } from './1764489600000-investigation.js';
import { Court1764576000000 } from './1764576000000-court.js';
import { AfterOutcome1764662400000 } from './1764662400000-after-outcome.js';
import { WitnessCare1764748800000 } from './1764748800000-witness-care.js';
import { Reports1764835200000 } from './1764835200000-reports.js';
import { WitnessTrialReport1764921600000 } from './1764921600000-witness-trial-report.js';
import { RightsReport1765008000000 } from './1765008000000-rights-report.js';
import { DailyRollups1765094400000 } from './1765094400000-daily-rollups.js';
import { VictimsCodeTruth1765180800000 } from './1765180800000-victims-code-truth.js';
import { AuditSealing1765267200000 } from './1765267200000-audit-sealing.js';
import { ReportTargets1765699200000 } from './1765699200000-report-targets.js';
import { EnhancedBasisRollups1765785600000 } from './1765785600000-enhanced-basis-rollups.js';
import { DigestDays1765872000000 } from './1765872000000-digest-days.js';
import { RecordKeys1765353600000 } from './1765353600000-record-keys.js';
import { Organisations1765440000000 } from './1765440000000-organisations.js';
import { UlsReminders1765958400000 } from './1765958400000-uls-reminders.js';
import { GroupedReminders1766044800000 } from './1766044800000-grouped-reminders.js';
import { DutyStatusRollup1766131200000 } from './1766131200000-duty-status-rollup.js';

/** Every migration, in order. Listed explicitly so the api, worker, CLI and tests agree under ESM. */
export const ALL_MIGRATIONS = [
  Platform1763884800000,
  Journeys1763971200000,
  Notifications1764057600000,
  Reminders1764144000000,
  CrimeProceedings1764230400000,
  Investigation1764489600000,
  Court1764576000000,
  AfterOutcome1764662400000,
  WitnessCare1764748800000,
  Reports1764835200000,
  WitnessTrialReport1764921600000,
  RightsReport1765008000000,
  DailyRollups1765094400000,
  VictimsCodeTruth1765180800000,
  AuditSealing1765267200000,
  RecordKeys1765353600000,
  Organisations1765440000000,
  ReportTargets1765699200000,
  EnhancedBasisRollups1765785600000,
  DigestDays1765872000000,
  UlsReminders1765958400000,
  GroupedReminders1766044800000,
  DutyStatusRollup1766131200000,
];
