import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../access/actor.js';
import { AcceptsCsvUpload } from '../../app/http-input.js';
import { PageQuery } from '../../app/pagination.js';
import { uuidParam } from '../../app/validation.js';
import { CurrentActor, Roles } from '../../access/access.decorators.js';
import { REFERRERS } from '../../access/roles.js';
import { idempotencyKeyFrom } from '../../idempotency/idempotency.store.js';
import { ReferralImportAccepted, ReferralImportProblemList, ReferralImportQuery, ReferralImportResponse } from './dto/referral-import.dto.js';
import { REFERRAL_CSV_COLUMNS } from './referral-csv-columns.js';
import { ReferralImportsService } from './referral-imports.service.js';

const COLUMNS_DESCRIPTION = REFERRAL_CSV_COLUMNS.map((column) => `\`${column.name}\`${column.required ? ' (required)' : ''}`).join(', ');

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referral-imports')
@Roles(...REFERRERS)
export class ReferralImportsController {
  constructor(private readonly imports: ReferralImportsService) {}

  @Post()
  @AcceptsCsvUpload()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a CSV file of police referrals, taken in in the background',
    description:
      'The body is the file itself (`Content-Type: text/csv`, UTF-8, a byte order mark allowed, RFC 4180 quoting), at most ' +
      'REFERRAL_IMPORT_MAX_BYTES (64 MiB by default; larger is a 413). The first line names the columns, in any order: ' +
      `${COLUMNS_DESCRIPTION}. An empty cell is an absent value; yes/no columns take yes, no, true or false; list columns ` +
      '(`vulnerability_flags`, `enhanced_rights_categories`) are separated by semicolons. A missing required column or an ' +
      'unknown one is refused at once (400). Each row is then checked exactly as POST /referrals checks a body, and taken in ' +
      'the same way (a person already referred for the crime, in the file or before, is linked, not duplicated). Follow ' +
      'progress at the `Location` answered; problems are listed by file line and column. See docs/referral-csv.md. ' +
      'Partner systems must send an Idempotency-Key; the same key with the same file and options answers the first upload again.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      format: 'binary',
      example:
        'area_code,role,crime_reference,offence_category,reported_at,given_name,family_name,date_of_birth,phone,referral_consent\r\n' +
        'cleveland,victim,CLE/26/012345,burglary,2026-03-31T10:15:00Z,Ann,Example,1980-02-01,07700 900123,not_objected\r\n',
    },
    description: 'The CSV file (docs/referral-csv.md lists every column)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Required for partner systems: 8-255 printable characters, e.g. a UUID' })
  @ApiAcceptedResponse({ type: ReferralImportAccepted, description: 'Queued; poll the Location' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the missing or unknown columns, or MALFORMED_REQUEST for a file that is not UTF-8' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED' })
  async upload(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Query() query: ReferralImportQuery,
    @Body() file: Buffer,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralImportAccepted> {
    const answer = await this.imports.upload(actor, file, query, idempotencyKeyFrom(key, actor.roles.includes('partner_system')));
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.header('location', answer.body.links.self);
    return answer.body;
  }

  @Get(':id')
  @ApiOperation({ summary: 'How an import is going: its status and row counts', description: 'Visible to the uploader’s organisation only.' })
  @ApiOkResponse({ type: ReferralImportResponse })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReferralImportResponse> {
    return this.imports.get(actor, id);
  }

  @Get(':id/problems')
  @ApiOperation({ summary: 'What was wrong with an import’s rows, by file line and column, in line order' })
  @ApiOkResponse({ type: ReferralImportProblemList })
  problems(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() page: PageQuery): Promise<ReferralImportProblemList> {
    return this.imports.problems(actor, id, page);
  }
}
