import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './app/config.js';
import { createHttpApp } from './app/http-app.js';

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
  const app = await createHttpApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  app.get(Logger).log(`api listening on http://${config.http.host}:${config.http.port} (docs at /docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error('api failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
