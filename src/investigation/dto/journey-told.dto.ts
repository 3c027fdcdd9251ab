import { ApiProperty } from '@nestjs/swagger';

/** A journey a crime-level command told, named by id and reference only. */
export class JourneyTold {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'VJ-2026-000123' }) reference: string;
}
