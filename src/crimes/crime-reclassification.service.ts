import { Injectable } from '@nestjs/common';
import { londonDate } from '../../libs/working-days/src/index.js';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import { validationFailed } from '../app/common.errors.js';
import type { FieldProblem } from '../app/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { EnhancedRightsService } from '../journeys/enhanced-rights.service.js';
import { serviceEvent } from '../journeys/journey-events.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { CrimeWork, type CrimeAnswer, type PartnerRetry } from './crime-work.js';
import type { ReclassifyCrimeRequest, ReclassifyCrimeResponse, ReclassifiedJourney } from './dto/reclassification.dto.js';

/**
 * The police reclassify a crime (an assault found to be a sexual offence, an attempted
 * murder charged as such) or correct when it happened. The facts that decide enhanced
 * rights have changed (Victims' Code, "Enhanced rights": most serious crime from the
 * offence, under 18 at the time of the offence), so every journey on the crime gets
 * `crime.reclassified` and its enhanced rights are derived again from that moment: duties
 * opened from then on run to the enhanced timescales, earlier ones keep theirs. A basis the
 * new facts no longer show stays until staff remove it with a reason, as with any change
 * of facts. The crime row keeps only the current facts; each timeline keeps the change.
 */
@Injectable()
export class CrimeReclassificationService {
  constructor(
    private readonly crimeWork: CrimeWork,
    private readonly ledger: JourneyLedger,
    private readonly enhancedRights: EnhancedRightsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  reclassify(actor: Actor, crimeId: string, request: ReclassifyCrimeRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<ReclassifyCrimeResponse>> {
    const now = this.clock.now();
    const receivedAt = request.receivedAt ? new Date(request.receivedAt) : now;
    const problems: FieldProblem[] = futureInstantProblems({ receivedAt }, now);
    if (request.offenceCategory === undefined && request.offenceDate === undefined) {
      problems.push({ field: 'offenceCategory', message: 'give offenceCategory, offenceDate or both' });
    }
    if (request.offenceDate && request.offenceDate > londonDate(now)) problems.push({ field: 'offenceDate', message: 'must not be in the future' });
    if (problems.length > 0) throw validationFailed(problems);

    return this.crimeWork.commandOnce(
      actor,
      crimeId,
      retry,
      async (tx, crime) => {
        const previous = { offenceCategory: crime.offenceCategory, offenceDate: crime.offenceDate };
        const current = {
          offenceCategory: request.offenceCategory ?? crime.offenceCategory,
          offenceDate: request.offenceDate ?? crime.offenceDate,
        };
        if (current.offenceCategory === previous.offenceCategory && current.offenceDate === previous.offenceDate) {
          throw validationFailed([{ field: request.offenceCategory !== undefined ? 'offenceCategory' : 'offenceDate', message: 'is what the crime already records' }]);
        }
        if (current.offenceDate && current.offenceDate > londonDate(crime.reportedAt)) {
          throw validationFailed([{ field: 'offenceDate', message: 'must not be after the crime was reported' }]);
        }
        await tx.query(`UPDATE crimes SET offence_category = $2, offence_date = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
          crime.id,
          current.offenceCategory,
          current.offenceDate,
        ]);

        const journeys: ReclassifiedJourney[] = [];
        for (const journey of await this.crimeWork.lockJourneys(tx, actor, crime)) {
          const change = await this.ledger.record(tx, actor, journey, [
            serviceEvent('crime.reclassified', receivedAt, {
              offenceCategory: current.offenceCategory,
              previousOffenceCategory: previous.offenceCategory,
              offenceDateCorrected: current.offenceDate !== previous.offenceDate,
              note: request.reason,
            }),
          ]);
          const added = await this.enhancedRights.derive(tx, actor, change.journey, receivedAt);
          journeys.push({ journeyId: journey.id, enhancedBasesAdded: added.map(({ category, reason }) => ({ category, reason })) });
        }
        await this.audit.record(tx, actor, {
          action: 'update',
          entityType: 'crime',
          entityId: crime.id,
          areaId: crime.areaId,
          details: { fields: ['offenceCategory', 'offenceDate'].filter((field) => current[field as keyof typeof current] !== previous[field as keyof typeof previous]), journeys: journeys.length },
        });
        return { crimeId: crime.id, previous, current, receivedAt, journeys };
      },
      200,
    );
  }
}

