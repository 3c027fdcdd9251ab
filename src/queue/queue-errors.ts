import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue, Worker } from 'bullmq';
import { describeError } from '../app/logging.js';
import { QueueName } from './queues.js';

/** One error logged per queue and role this often at most: while Redis is away, each reconnect attempt errs. */
const LOG_ERRORS_EVERY_MS = 30_000;

/**
 * With no 'error' listener, BullMQ prints each error of a queue or worker to the console
 * (a stack trace per reconnect attempt while Redis is away) beside the JSON logs. This
 * listens instead and logs the error's class and code, at most once per queue and role
 * every 30 s. The connections keep reconnecting by themselves.
 */
export function logErrorsOf(source: Queue | Worker, role: 'producer' | 'consumer', logger: Logger): void {
  let lastLoggedAt = 0;
  (source as { on(event: 'error', listener: (error: Error) => void): unknown }).on('error', (error) => {
    const now = Date.now();
    if (now - lastLoggedAt < LOG_ERRORS_EVERY_MS) return;
    lastLoggedAt = now;
    logger.warn({ queue: source.name, role, error: describeError(error) }, 'queue connection error; reconnecting');
  });
}

/** Listens to the errors of every queue this process produces to (api and worker). */
@Injectable()
export class QueueErrorLog implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueErrorLog.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) {
      logErrorsOf(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }), 'producer', this.logger);
    }
  }
}
