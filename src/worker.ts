import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './app/config.js';
import { WorkerModule } from './app/worker.module.js';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM closes the BullMQ workers, letting the current job finish first.
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('worker started', 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error('worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
