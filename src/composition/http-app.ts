import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { loadConfig } from '../app/config.js';
import { requestIdFrom, SHUTDOWN_HOOKS } from '../app/logging.js';
import { CommonError } from '../app/common.errors.js';
import { apiMediaTypeGate, type CsvUploadRouteConfig, MAX_JSON_DEPTH, nestsDeeperThan, refuseNulCharacters } from '../app/http-input.js';
import { createValidationPipe } from '../app/validation.js';
import { registerWorkspace } from '../web/workspace.js';

export const API_PREFIX = 'api/v1';

/**
 * One policy for every answer, strict enough for the JSON ones and just wide enough for the
 * Swagger UI at /docs: its scripts and styles come from this server only; it needs inline
 * styles (its page and its React components set them) and data: images (its icons). No
 * inline or evaluated script, no framing, no plugins, no forms.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  upgradeInsecureRequests: null,
};

/**
 * Builds the api application exactly as it serves, for main.ts and for the tests:
 * Fastify with a body limit and request ids, the /api/v1 prefix, validation, problem+json
 * for every error (including those Fastify raises before Nest sees the request), OpenAPI.
 */
export async function createHttpApp(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot({ config }), createFastifyAdapter(config), {
    bufferLogs: true,
  });
  await configureHttpApp(app);
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

export async function configureHttpApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(undefined, SHUTDOWN_HOOKS);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  await app.register(helmet, { contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY }, referrerPolicy: { policy: 'no-referrer' } });
  // The API speaks JSON (and CSV on the import route): anything else under /api is a 415
  // before its body is read, whatever parsers other parts of the server register.
  fastify.addHook('onRequest', apiMediaTypeGate(`/${API_PREFIX}/`, config.http.bodyLimitBytes));
  // JSON nested deeper than any request needs is refused before it is parsed or validated.
  const defaultJsonParser = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: config.http.bodyLimitBytes }, (request, body, done) => {
    if (body.length > config.http.bodyLimitBytes) return done(CommonError.of('PAYLOAD_TOO_LARGE'), undefined);
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      return done(CommonError.of('MALFORMED_REQUEST', `The JSON nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    }
    defaultJsonParser(request as FastifyRequest, body as unknown as string, done);
  });
  // CSV, for bulk referral imports, read as bytes (decoded and checked by the import). Its
  // parser keeps the JSON limit; only a route marked AcceptsCsvUpload raises it, to its own.
  app.useBodyParser('text/csv', { bodyLimit: config.http.bodyLimitBytes }, (_request, body, done) => done(null, body));
  fastify.addHook('onRoute', (route) => {
    if ((route.config as CsvUploadRouteConfig | undefined)?.csvUpload) route.bodyLimit = config.referralImports.maxBytes;
  });
  // PostgreSQL refuses NUL in text: a 400 naming the field rather than a 500 at the first query.
  fastify.addHook('preValidation', async (request) => refuseNulCharacters(request));
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-request-id', String(request.id));
    // Answers of the API carry personal data: never kept by a browser or a proxy.
    if (request.url.startsWith(`/${API_PREFIX}/`)) void reply.header('cache-control', 'no-store');
  });

  // Built on the first request for /docs, not at start-up: scanning every route is a large
  // part of the api's start, and most processes never serve the document.
  const document = () => SwaggerModule.createDocument(
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
