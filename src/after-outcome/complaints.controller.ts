import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag, versionFromIfMatch } from '../app/etag.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
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

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('journeys/:id/complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary: 'Record a complaint that a right of the Code was not met',
    description: 'Opens the acknowledgement (10 working days) and response (20 working days) duties, owed by the organisation complained about (Code right 12).',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: ComplaintResponse, description: 'With the complaint’s ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordComplaintRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintResponse> {
    const answer = await this.complaints.record(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Post(':complaintId/acknowledgement')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'Record that the organisation acknowledged the complaint' })
  @ApiHeader(ROW_IF_MATCH('complaint'))
  @ApiOkResponse({ type: ComplaintResponse, description: 'With the complaint’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'COMPLAINT_ALREADY_ACKNOWLEDGED' })
  async acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('complaintId', uuidParam('complaintId')) complaintId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AcknowledgeComplaintRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintResponse> {
    const complaint = await this.complaints.acknowledge(actor, id, complaintId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, complaint.version);
    return complaint;
  }

  @Post(':complaintId/response')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'Record the organisation’s full response to the complaint', description: 'Meets the response duty, and the acknowledgement duty if still open.' })
  @ApiHeader(ROW_IF_MATCH('complaint'))
  @ApiOkResponse({ type: ComplaintResponse, description: 'With the complaint’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'COMPLAINT_ALREADY_RESPONDED' })
  async respond(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('complaintId', uuidParam('complaintId')) complaintId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RespondToComplaintRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintResponse> {
    const complaint = await this.complaints.respond(actor, id, complaintId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, complaint.version);
    return complaint;
  }

  @Post(':complaintId/escalation')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary: 'Record that the victim took the complaint further',
    description: 'To the next stage of the organisation’s process or to the Parliamentary and Health Service Ombudsman, once answered or once the response is overdue.',
  })
  @ApiHeader(ROW_IF_MATCH('complaint'))
  @ApiOkResponse({ type: ComplaintResponse, description: 'With the complaint’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'COMPLAINT_NOT_RESPONDED, COMPLAINT_AT_OMBUDSMAN' })
  async escalate(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('complaintId', uuidParam('complaintId')) complaintId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: EscalateComplaintRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintResponse> {
    const complaint = await this.complaints.escalate(actor, id, complaintId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, complaint.version);
    return complaint;
  }

  @Get()
  @Roles(...CASE_ROLES)
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'The victim’s complaints with their deadlines, newest first' })
  @ApiOkResponse({ type: ComplaintsResponse })
  complaintsOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ComplaintsResponse> {
    return this.complaints.list(actor, id);
  }
}
