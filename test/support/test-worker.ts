import { Test, type TestingModule } from '@nestjs/testing';
import { Clock } from '../../src/app/clock.js';
import { WorkerModule } from '../../src/app/worker.module.js';
import type { TestApp } from './test-app.js';

export interface TestWorker {
  worker: TestingModule;
  close(): Promise<void>;
}

/**
 * The worker process in-process, beside a test api: the same database, Redis key prefix
 * (so it consumes the api's queues) and clock.
 */
export async function startTestWorker(t: TestApp): Promise<TestWorker> {
  const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config: t.config })] })
    .overrideProvider(Clock)
    .useValue(t.clock)
    .compile();
  worker.useLogger(false);
  await worker.init();
  return { worker, close: () => worker.close() };
}
