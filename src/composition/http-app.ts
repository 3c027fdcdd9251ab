import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { loadConfig } from '../app/config.js';
import { requestIdFrom } from '../app/logging.js';
import { createValidationPipe } from '../app/validation.js';
import { registerWorkspace } from '../web/workspace.js';

export const API_PREFIX = 'api/v1';

/**
 * Builds the api application exactly as it serves, for main.ts and for the tests:
 * Fastify with a body limit and request ids, the /api/v1 prefix, validation, problem+json
 * for every error (including those Fastify raises before Nest sees the request), OpenAPI.
 */
export async function createHttpApp(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot({ config }), createFastifyAdapter(config), {
    bufferLogs: true,
  });
  configureHttpApp(app);
  return app;
}

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    requestIdHeader: false,
    // Logging is pino through nestjs-pino; Fastify's own logger stays off.
    logger: false,
    trustProxy: config.http.trustProxy,
  });
}

export function configureHttpApp(app: NestFastifyApplication): void {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: other bodies are a 415, not a string for validation to puzzle over.
  for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
    if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
  }
  // Except CSV, for bulk referral imports: read as bytes (decoded and checked by the import),
  // with a limit of its own, far above the JSON one.
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: app.get<AppConfig>(APP_CONFIG).referralImports.maxBytes },
    (_request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: Buffer) => void) => done(null, body),
  );
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-request-id', String(request.id));
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Victim journey service')
      .setDescription(
        'Follows every victim and witness of a crime from police referral to the end of support, and proves every ' +
          "Victims' Code duty was met on time. Errors are RFC 9457 application/problem+json.",
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'partner-api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });

  // The web workspace under / (forms, sessions, CSRF, CSP and views of its own).
  registerWorkspace(app);
}
