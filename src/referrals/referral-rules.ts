import { londonDate } from '../../libs/working-days/src/index.js';
import { referralConsentBasis } from '../../libs/victims-code/src/index.js';
import type { AccessScope } from '../access/access-scope.js';
import { futureInstantProblems } from '../app/clock.js';
import { dateOfBirthProblems } from '../app/date-of-birth.js';
import type { FieldProblem } from '../app/domain-error.js';
import type { CreateReferralRequest } from './dto/referral.dto.js';

/**
 * What a well-formed referral must also satisfy before anything is written: the caller's
 * area, the Code's consent rule for the offence, and dates that make sense. The API and
 * the CSV import ask the same question, so a row is refused for the same reasons either way.
 */
export function referralProblems(request: CreateReferralRequest, scope: AccessScope, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!scope.allows(request.areaId)) problems.push({ field: 'areaId', message: 'is not one of your areas' });

  const consent = request.consent.referral;
  if (consent === 'objected') {
    problems.push({ field: 'consent.referral', message: 'the victim objected to being referred, so they must not be referred (Code right 4)' });
  } else if (consent !== 'given' && referralConsentBasis(request.crime.offenceCategory) === 'explicit_required') {
    problems.push({
      field: 'consent.referral',
      message: `must be "given": a ${request.crime.offenceCategory.replace(/_/g, ' ')} victim is referred only with explicit consent (Code right 4)`,
    });
  }

  const reportedAt = new Date(request.crime.reportedAt);
  if (Number.isNaN(reportedAt.getTime())) {
    problems.push({ field: 'crime.reportedAt', message: 'is not a valid instant' });
  } else {
    problems.push(...futureInstantProblems({ 'crime.reportedAt': reportedAt }, now));
    if (request.crime.offenceDate && request.crime.offenceDate > londonDate(reportedAt)) {
      problems.push({ field: 'crime.offenceDate', message: 'must not be after the crime was reported' });
    }
  }
  if (request.consent.recordedAt) {
    const recordedAt = new Date(request.consent.recordedAt);
    if (Number.isNaN(recordedAt.getTime())) problems.push({ field: 'consent.recordedAt', message: 'is not a valid instant' });
    else problems.push(...futureInstantProblems({ 'consent.recordedAt': recordedAt }, now));
  }
  if (request.receivedAt) {
    const receivedAt = new Date(request.receivedAt);
    if (Number.isNaN(receivedAt.getTime())) problems.push({ field: 'receivedAt', message: 'is not a valid instant' });
    else {
      problems.push(...futureInstantProblems({ receivedAt }, now));
      if (!Number.isNaN(reportedAt.getTime()) && receivedAt.getTime() < reportedAt.getTime()) {
        problems.push({ field: 'receivedAt', message: 'must not be before the crime was reported' });
      }
    }
  }
  problems.push(...dateOfBirthProblems('person.dateOfBirth', request.person.dateOfBirth, now));
  return problems;
}
