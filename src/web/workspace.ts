import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse as parseForm } from 'node:querystring';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { Logger, NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import nunjucks from 'nunjucks';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { sendProblem } from '../app/problem-details.filter.js';
import { REDIS_CLIENT } from '../app/redis.js';
import { configureNunjucks } from './nunjucks-environment.js';
import { RedisSessionStore } from './redis-session-store.js';
import { REFERRAL_UPLOAD_PATH } from './routes/referral.pages.js';
import { readMultipartForm } from './uploads.js';
import { webConfig } from './web-config.js';
import { Workspace } from './workspace.service.js';

const require = createRequire(import.meta.url);
const logger = new Logger('Workspace');

/** URLs that belong to the API side: the workspace never answers them. */
export function isApiUrl(url: string): boolean {
  return /^\/(api|docs|health)(\/|\?|$)/.test(url);
}

/** The project root: two folders above this file in src/web, three in dist/src/web. */
function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) folder = dirname(folder);
  return folder;
}

export const WORKSPACE_PATHS = (() => {
  const root = projectRoot();
  const govuk = dirname(require.resolve('govuk-frontend/package.json'));
  const moj = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
  return {
    root,
    views: join(root, 'src/web/views'),
    ownAssets: join(root, 'src/web/assets'),
    builtAssets: join(root, 'dist/assets'),
    govukDist: join(govuk, 'dist'),
    govukAssets: join(govuk, 'dist/govuk/assets'),
    govukScripts: join(govuk, 'dist/govuk'),
    mojRoot: moj,
    mojAssets: join(moj, 'moj/assets'),
    mojScripts: join(moj, 'moj'),
  };
})();

/**
 * The web workspace, on the same Fastify as the API but in a context of its own: form
 * bodies, sessions, CSRF, a strict CSP, Nunjucks views and the design systems' assets are
 * the workspace's only, so the API under /api/v1 answers exactly as before. Call before
 * `app.init()`.
 */
export function registerWorkspace(app: NestFastifyApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const web = webConfig(config);
  const redis = app.get<Redis>(REDIS_CLIENT);
  const workspace = app.get(Workspace);

  // Nest adds its own form parser at init() unless one was given here. Forms are the
  // workspace's: the API keeps refusing them (415), as it refuses every body but JSON.
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: 256 * 1024 }, (request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: unknown) => void) => {
    if (isApiUrl(request.url)) {
      done(new fastify.errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('application/x-www-form-urlencoded'));
      return;
    }
    done(null, parseForm(body.toString('utf8')));
  });

  const instance = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  void instance.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyHelmet, {
      enableCSPNonces: true,
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // With nonces on, 'self' must be listed too, or every script and stylesheet file is blocked.
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // Without TLS (local runs, tests) this would send the browser to an https that is not there.
          upgradeInsecureRequests: web.secure ? [] : null,
        },
      },
      strictTransportSecurity: web.secure,
    });
    await scope.register(fastifyCookie);
    await scope.register(fastifySession, {
      secret: web.sessionSecret,
      cookieName: 'vjs.sid',
      store: new RedisSessionStore(redis, config.redisPrefix, web.idleMinutes * 60) as unknown as fastifySession.SessionStore,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: web.secure, path: '/', maxAge: web.idleMinutes * 60 * 1000 },
    });
    await scope.register(fastifyCsrf, { sessionPlugin: '@fastify/session', getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf });
    // Files come only to the referral upload page, as multipart forms up to the API's own
    // limit for a referral CSV (plus the form's envelope); any other page refuses them (415).
    scope.addHook('onRoute', (route) => {
      if (route.url === REFERRAL_UPLOAD_PATH && route.method === 'POST') route.bodyLimit = config.referralImports.maxBytes + 64 * 1024;
    });
    // Nobody's file is read before they are known: without a session, to sign in first.
    scope.addHook('preParsing', async (request, reply, payload) => {
      if (request.method === 'POST' && request.routeOptions.url === REFERRAL_UPLOAD_PATH && !request.session.get('start')) {
        void reply.redirect('/sign-in?returnTo=%2Freferral-imports%2Fnew', 303);
        return reply as unknown as typeof payload;
      }
      return payload;
    });
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: unknown) => void) => {
      if (request.routeOptions.url !== REFERRAL_UPLOAD_PATH) {
        done(new fastify.errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('multipart/form-data'));
        return;
      }
      readMultipartForm(body, String(request.headers['content-type'])).then((form) => done(null, form), done);
    });
    // On preValidation, once the form body is parsed (on onRequest every POST would be refused).
    scope.addHook('preValidation', (request, reply, done) => {
      if (request.method === 'POST') scope.csrfProtection(request, reply, done);
      else done();
    });

    await scope.register(fastifyView, {
      engine: { nunjucks },
      templates: [WORKSPACE_PATHS.views, WORKSPACE_PATHS.govukDist, WORKSPACE_PATHS.mojRoot],
      production: config.mode === 'production',
      options: { onConfigure: (env: nunjucks.Environment) => configureNunjucks(env), autoescape: true },
    });

    // The design systems' CSS asks for /assets/fonts and /assets/images; their scripts and ours beside them.
    await scope.register(fastifyStatic, { root: [WORKSPACE_PATHS.govukAssets, WORKSPACE_PATHS.mojAssets], prefix: '/assets/', decorateReply: false, index: false });
    await scope.register(fastifyStatic, { root: WORKSPACE_PATHS.govukScripts, prefix: '/assets/govuk/', decorateReply: false, index: false, allowedPath: (path) => /\.m?js$/.test(path) });
    await scope.register(fastifyStatic, { root: WORKSPACE_PATHS.mojScripts, prefix: '/assets/moj/', decorateReply: false, index: false, allowedPath: (path) => /\.m?js$/.test(path) });
    await scope.register(fastifyStatic, { root: [WORKSPACE_PATHS.builtAssets, WORKSPACE_PATHS.ownAssets], prefix: '/assets/app/', decorateReply: false, index: false, allowedPath: (path) => /\.(css|m?js)$/.test(path) });

    scope.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => workspace.renderError(error, request, reply));
    workspace.register(scope, web);

    // Anything else a browser asks for is the workspace's 404.
    scope.get('/*', (request, reply) => workspace.renderNotFound(request, reply));
  });

  // The workspace's catch-all would take the API's unknown URLs too: they keep the API's
  // answer (problem+json, as Nest gives it), from a context without the workspace's hooks.
  void instance.register(async (api: FastifyInstance) => {
    const notFound = async (request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(new NotFoundException(`Cannot ${request.method} ${request.url}`), request, reply, logger);
      return reply;
    };
    for (const url of ['/api', '/api/*', '/health', '/health/*']) api.get(url, notFound);
  });
}

