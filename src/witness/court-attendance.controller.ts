import { Body, Controller, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { WITNESS_CARE } from '../access/roles.js';
import { CourtAttendanceService } from './court-attendance.service.js';
import { AttendanceResponse, RecordAttendanceRequest, ResolveFollowUpRequest, WarnWitnessRequest, WitnessWarningResponse } from './dto/witness-care.dto.js';
import { VersionedWrite } from '../access/route.decorators.js';

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
  @VersionedWrite({ ifMatch: OPTIONAL_IF_MATCH, conflicts: ['WITNESS_ALREADY_WARNED for this listing'] })
  @ApiCreatedResponse({ type: WitnessWarningResponse })
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
  @SendsEtag()
  record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('hearingId', uuidParam('hearingId')) hearingId: string,
    @Body() body: RecordAttendanceRequest,
  ): Promise<AttendanceResponse> {
    return this.attendance.recordAttendance(actor, id, hearingId, body);
  }

  @Put('attendance')
  @ApiOperation({ summary: 'Correct the recorded attendance' })
  @VersionedWrite({ ifMatch: ROW_IF_MATCH('attendance'), conflicts: [] })
  @ApiOkResponse({ type: AttendanceResponse, description: 'With the attendance’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'HEARING_NOT_ON_CRIME, WITNESS_CARE_NOT_OPEN' })
  @SendsEtag()
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('hearingId', uuidParam('hearingId')) hearingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordAttendanceRequest,
  ): Promise<AttendanceResponse> {
    return this.attendance.correctAttendance(actor, id, hearingId, versionFromIfMatch(ifMatch), body);
  }

  @Post('attendance/follow-up')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve the follow-up of a failure to attend, with how it ended' })
  @VersionedWrite({ ifMatch: ROW_IF_MATCH('attendance'), conflicts: [] })
  @ApiOkResponse({ type: AttendanceResponse, description: 'With the attendance’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'NO_OPEN_FOLLOW_UP, HEARING_NOT_ON_CRIME' })
  @SendsEtag()
  resolveFollowUp(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('hearingId', uuidParam('hearingId')) hearingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ResolveFollowUpRequest,
  ): Promise<AttendanceResponse> {
    return this.attendance.resolveFollowUp(actor, id, hearingId, versionFromIfMatch(ifMatch), body);
  }
}
