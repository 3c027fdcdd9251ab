import { Body, Controller, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag, versionFromIfMatch } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { WITNESS_CARE } from '../access/roles.js';
import { CourtAttendanceService } from './court-attendance.service.js';
import { AttendanceResponse, RecordAttendanceRequest, ResolveFollowUpRequest, WarnWitnessRequest, WitnessWarningResponse } from './dto/witness-care.dto.js';

@ApiTags('witness-care')
@ApiBearerAuth()
@Controller('journeys/:id/hearings/:hearingId')
@Roles(...WITNESS_CARE)
export class CourtAttendanceController {
  constructor(private readonly attendance: CourtAttendanceService) {}

  @Post('warnings')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record that the witness was warned to attend the hearing as now listed',
    description: 'Stores the listing version warned for: after a move the witness needs warning again. Not the Code’s "informed" (victim.informed), which the court side records.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: WitnessWarningResponse })
  @ApiConflictResponse({ description: 'WITNESS_ALREADY_WARNED for this listing, or CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'HEARING_NOT_ON_CRIME, HEARING_NOT_LISTED, WITNESS_CARE_NOT_OPEN' })
  warn(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('hearingId', uuidParam('hearingId')) hearingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: WarnWitnessRequest,
  ): Promise<WitnessWarningResponse> {
    return this.attendance.warn(actor, id, hearingId, optionalVersion(ifMatch), body);
  }

  @Post('attendance')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record whether the witness attended the hearing; a failure to attend opens a follow-up on the queue' })
  @ApiCreatedResponse({ type: AttendanceResponse, description: 'With the attendance’s ETag' })
  @ApiConflictResponse({ description: 'ATTENDANCE_ALREADY_RECORDED: correct it with PUT' })
  @ApiUnprocessableEntityResponse({ description: 'HEARING_NOT_ON_CRIME, WITNESS_CARE_NOT_OPEN' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('hearingId', uuidParam('hearingId')) hearingId: string,
    @Body() body: RecordAttendanceRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttendanceResponse> {
    const recorded = await this.attendance.recordAttendance(actor, id, hearingId, body);
    setEtag(reply, recorded.version);
    return recorded;
  }

  @Put('attendance')
  @ApiOperation({ summary: 'Correct the recorded attendance' })
  @ApiHeader(ROW_IF_MATCH('attendance'))
  @ApiOkResponse({ type: AttendanceResponse, description: 'With the attendance’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'HEARING_NOT_ON_CRIME, WITNESS_CARE_NOT_OPEN' })
  async correct(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('hearingId', uuidParam('hearingId')) hearingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordAttendanceRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttendanceResponse> {
    const corrected = await this.attendance.correctAttendance(actor, id, hearingId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, corrected.version);
    return corrected;
  }

  @Post('attendance/follow-up')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve the follow-up of a failure to attend, with how it ended' })
  @ApiHeader(ROW_IF_MATCH('attendance'))
  @ApiOkResponse({ type: AttendanceResponse, description: 'With the attendance’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'NO_OPEN_FOLLOW_UP, HEARING_NOT_ON_CRIME' })
  async resolveFollowUp(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('hearingId', uuidParam('hearingId')) hearingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ResolveFollowUpRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttendanceResponse> {
    const resolved = await this.attendance.resolveFollowUp(actor, id, hearingId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, resolved.version);
    return resolved;
  }
}
