import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { SUPERVISORS } from '../access/roles.js';
import { uuidParam } from '../app/validation.js';
import { RecordCorrectionRequest, RecordCorrectionResponse } from './dto/record-correction.dto.js';
import { RecordCorrectionsService } from './record-corrections.service.js';

@ApiTags('crimes')
@ApiBearerAuth()
@Controller('crimes')
export class RecordCorrectionsController {
  constructor(private readonly corrections: RecordCorrectionsService) {}

  @Post(':crimeId/corrections')
  @HttpCode(200)
  @Roles(...SUPERVISORS)
  @ApiOperation({
    summary: 'Void or correct a mistaken record on the crime: a decision, hearing version, bail decision, verdict or sentence, appeal step (supervisors)',
    description:
      'Nothing is deleted. `void` adds record.voided to every journey holding the record: the duties its news opened and ' +
      'still owed are withdrawn as recorded in error (left out of compliance), duties already met stay met. `correct` adds ' +
      'record.corrected naming each event that told it, with the right occurredAt and/or receivedAt: its duties are re-timed ' +
      '(met or late as the corrected instants say). Audited.',
  })
  @ApiOkResponse({ type: RecordCorrectionResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  @ApiUnprocessableEntityResponse({ description: 'RECORD_NOT_ON_CRIME' })
  correct(@CurrentActor() actor: Actor, @Param('crimeId', uuidParam('crimeId')) crimeId: string, @Body() body: RecordCorrectionRequest): Promise<RecordCorrectionResponse> {
    return this.corrections.correct(actor, crimeId, body);
  }
}
