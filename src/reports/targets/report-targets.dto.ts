import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { RULE_IDS } from '../../../libs/victims-code/src/index.js';

export class ReportTargetsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One area; all of yours when left out (admins: every area). Another area is a 404.' })
  @IsOptional()
  @IsUUID()
  areaId?: string;
}

export class SetReportTargetRequest {
  @ApiProperty({ minimum: 0, maximum: 100, example: 85, description: 'The % of the rule’s decided duties to be met on time (onTimePercent), at most one decimal' })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  targetPercent: number;
}

export class ReportTargetResponse {
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ enum: RULE_IDS }) ruleId: string;
  @ApiProperty({ example: 85 }) targetPercent: number;
  @ApiProperty({ description: 'Sent as the ETag; send it back as If-Match to change or remove the target' }) version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class ReportTargetsResponse {
  @ApiProperty({ type: [ReportTargetResponse] }) items: ReportTargetResponse[];
}
