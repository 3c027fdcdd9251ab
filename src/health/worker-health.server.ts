import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { CommonError } from '../app/common.errors.js';
import type { DomainError } from '../app/domain-error.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../app/problem-details.js';
import { HealthError } from './health.errors.js';
import { WorkerReadiness } from './worker-readiness.js';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * The worker's `GET /health/live` and `GET /health/ready`, for a container healthcheck or
 * an orchestrator's probes. A plain node:http server: the worker has no HTTP stack, and a
 * probe needs none. No authentication and nothing personal: statuses and error classes.
 *
 * Readiness turns 503 as soon as shutdown starts (SIGTERM), while the BullMQ workers
 * finish their current jobs (WorkerShutdown); the server closes once they have.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server: Server | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: WorkerReadiness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    // A probe is one small GET: anything slower than this is not a probe.
    server.requestTimeout = 10_000;
    server.headersTimeout = 5_000;
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.worker.healthPort, this.config.worker.healthHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { address, port } = this.address()!;
    this.logger.log(`worker health at http://${address}:${port}/health/ready`);
  }

  /** Where it listens (WORKER_HEALTH_PORT=0 takes any free port); undefined before start and after close. */
  address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    try {
      if (path !== '/health/live' && path !== '/health/ready') {
        return problem(response, path, CommonError.of('NOT_FOUND', 'The worker serves /health/live and /health/ready only'));
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('allow', 'GET, HEAD');
        return problem(response, path, HealthError.of('METHOD_NOT_ALLOWED', 'Use GET or HEAD'));
      }
      if (path === '/health/live') return send(response, 200, JSON_CONTENT_TYPE, { status: 'ok' });

      const report = await this.readiness.check();
      if (report.ready) {
        const status = report.warnings.length > 0 ? 'degraded' : 'ok';
        return send(response, 200, JSON_CONTENT_TYPE, { status, warnings: report.warnings, checks: report.checks });
      }
      return problem(
        response,
        path,
        CommonError.of('SERVICE_UNAVAILABLE', `Not ready: ${report.failing.join(', ')} unavailable`, { checks: report.checks }),
      );
    } catch (error) {
      this.logger.error({ error: error instanceof Error ? error.name : typeof error }, 'worker health check failed');
      if (!response.headersSent) problem(response, path, CommonError.of('INTERNAL'));
    }
  }
}

function problem(response: ServerResponse, path: string, error: DomainError): void {
  const { problem: body } = toProblem(error);
  send(response, body.status, PROBLEM_CONTENT_TYPE, { ...body, instance: path });
}

function send(response: ServerResponse, status: number, contentType: string, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(json),
    // A probe's answer is for now only.
    'cache-control': 'no-store',
  });
  response.end(response.req.method === 'HEAD' ? undefined : json);
}
