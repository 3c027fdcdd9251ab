import 'reflect-metadata';
import { describeError } from './app/logging.js';
import { Logger } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import { loadConfigOrExit } from './app/config.js';
import { createHttpApp } from './composition/http-app.js';

const logger = new Logger('Bootstrap');

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createHttpApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  app.get(PinoLogger).log(`api listening on http://${config.http.host}:${config.http.port} (docs at /docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  logger.error(`api failed to start: ${describeError(error)}`);
  process.exit(1);
});
