import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { REFERRERS } from '../access/roles.js';
import { idempotencyKeyFrom } from '../idempotency/idempotency.store.js';
import { CreateReferralRequest, ReferralResponse } from './dto/referral.dto.js';
import { ReferralsService } from './referrals.service.js';

const EXAMPLE_REFERRAL = {
  areaId: '6f1c2d7e-0000-4000-8000-000000000001',
  role: 'victim',
  externalReference: 'NICHE-REF-000123',
  crime: { crimeReference: 'CLE/26/012345', offenceCategory: 'burglary', offenceDate: '2026-03-30', reportedAt: '2026-03-31T10:15:00Z' },
  person: {
    givenName: 'Ann',
    familyName: 'Example',
    dateOfBirth: '1980-02-01',
    phone: '07700 900123',
    preferredContactMethod: 'phone',
    safeToLeaveMessages: false,
    language: 'English',
  },
  consent: { referral: 'not_objected', recordedBy: 'PC 1234 Smith', recordedAt: '2026-03-31T10:20:00Z' },
};

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...REFERRERS)
  @ApiOperation({
    summary: 'Refer a victim or witness from the police',
    description:
      'Creates the crime (or reuses it, by crime reference within the area), the person and the journey in one transaction, ' +
      'with the Code duties the referral opens or meets. A person who already has an open journey on the crime is linked, ' +
      'not duplicated: the answer is 200 with `outcome: linked`. Partner systems must send an Idempotency-Key; a retry with ' +
      'the same key and body gets the first answer again (`Idempotent-Replayed: true`), a different body with the same key is a 422.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Required for partner systems: 8-255 printable characters, e.g. a UUID' })
  @ApiBody({ type: CreateReferralRequest, examples: { burglary: { value: EXAMPLE_REFERRAL } } })
  @ApiCreatedResponse({ type: ReferralResponse, description: 'A new journey' })
  @ApiOkResponse({ type: ReferralResponse, description: 'Linked to the person’s open journey on this crime' })
  @ApiUnprocessableEntityResponse({ description: 'REFERRAL_CONSENT_MISSING or IDEMPOTENCY_KEY_REUSED' })
  async create(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: CreateReferralRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralResponse> {
    const answer = await this.referrals.create(actor, body, idempotencyKeyFrom(key, actor.roles.includes('partner_system')));
    void reply.status(answer.statusCode);
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.header('location', `/api/v1/journeys/${answer.body.journeyId}`);
    return answer.body;
  }
}
