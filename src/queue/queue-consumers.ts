import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';
import { logErrorsOf } from './queue-errors.js';

/** The BullMQ workers this process runs, one per @Processor class; there once the app has initialised. Logs their errors (logErrorsOf). */
@Injectable()
export class QueueConsumers implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueConsumers.name);

  constructor(private readonly discovery: DiscoveryService) {}

  all(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }

  onApplicationBootstrap(): void {
    for (const worker of this.all()) logErrorsOf(worker, 'consumer', this.logger);
  }
}
