import 'reflect-metadata';
import { describeError, SHUTDOWN_HOOKS } from './app/logging.js';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { loadConfigOrExit } from './app/config.js';
import { WorkerModule } from './composition/worker.module.js';

const logger = new Logger('Bootstrap');

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config }), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  // SIGTERM closes the BullMQ workers, letting the current job finish first, then exits 0.
  app.enableShutdownHooks(undefined, SHUTDOWN_HOOKS);
  await app.init();
  app.get(PinoLogger).log('worker started', 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  logger.error(`worker failed to start: ${describeError(error)}`);
  process.exit(1);
});
