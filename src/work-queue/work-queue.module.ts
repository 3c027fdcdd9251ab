import { Module } from '@nestjs/common';

/** What a worker or a team should do next: new referrals, duties due and overdue, actions due. */
@Module({})
export class WorkQueueModule {}
