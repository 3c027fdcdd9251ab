import { Module } from '@nestjs/common';
import { RemindersModule } from './reminders.module.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxRelayProcessor } from './outbox-relay.processor.js';

/** Worker side of the outbox: drains what commands asked for to its handlers, which are the reminders' sweeps. */
@Module({
  imports: [RemindersModule],
  providers: [OutboxRelay, OutboxRelayProcessor],
  exports: [OutboxRelay],
})
export class OutboxRelayModule {}
