import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsBodyWithEtag, SendsEtag, type Versioned } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES } from '../access/roles.js';
import { ComplaintsService } from './complaints.service.js';
import {
  AcknowledgeComplaintRequest,
  ComplaintResponse,
  ComplaintsResponse,
  EscalateComplaintRequest,
  RecordComplaintRequest,
  RespondToComplaintRequest,
} from './dto/complaint.dto.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('journeys/:id/complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a complaint that a right of the Code was not met',
    description: 'Opens the acknowledgement (10 working days) and response (20 working days) duties, owed by the organisation complained about (Code right 12).',
  })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: OPTIONAL_IF_MATCH, conflicts: [] })
  @ApiCreatedResponse({ type: ComplaintResponse, description: 'With the complaint’s ETag' })
  @SendsBodyWithEtag()
  record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordComplaintRequest,
  ): Promise<Versioned<ComplaintResponse>> {
    return this.complaints.record(actor, id, optionalVersion(ifMatch), body);
  }

  @Post(':complaintId/acknowledgement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the organisation acknowledged the complaint' })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: ROW_IF_MATCH('complaint'), conflicts: [] })
  @ApiOkResponse({ type: ComplaintResponse, description: 'With the complaint’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'COMPLAINT_ALREADY_ACKNOWLEDGED' })
  @SendsEtag()
  acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('complaintId', uuidParam('complaintId')) complaintId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AcknowledgeComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.acknowledge(actor, id, complaintId, versionFromIfMatch(ifMatch), body);
  }

  @Post(':complaintId/response')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the organisation’s full response to the complaint', description: 'Meets the response duty, and the acknowledgement duty if still open.' })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: ROW_IF_MATCH('complaint'), conflicts: [] })
  @ApiOkResponse({ type: ComplaintResponse, description: 'With the complaint’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'COMPLAINT_ALREADY_RESPONDED' })
  @SendsEtag()
  respond(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('complaintId', uuidParam('complaintId')) complaintId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RespondToComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.respond(actor, id, complaintId, versionFromIfMatch(ifMatch), body);
  }

  @Post(':complaintId/escalation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the victim took the complaint further',
    description: 'To the next stage of the organisation’s process or to the Parliamentary and Health Service Ombudsman, once answered or once the response is overdue.',
  })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: ROW_IF_MATCH('complaint'), conflicts: [] })
  @ApiOkResponse({ type: ComplaintResponse, description: 'With the complaint’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'COMPLAINT_NOT_RESPONDED, COMPLAINT_AT_OMBUDSMAN' })
  @SendsEtag()
  escalate(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('complaintId', uuidParam('complaintId')) complaintId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: EscalateComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.escalate(actor, id, complaintId, versionFromIfMatch(ifMatch), body);
  }

  @Get()
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The victim’s complaints with their deadlines, newest first' })
  @ApiOkResponse({ type: ComplaintsResponse })
  complaintsOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ComplaintsResponse> {
    return this.complaints.list(actor, id);
  }
}
