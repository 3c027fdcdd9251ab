import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details.js';

/** The one place any error becomes an HTTP answer: RFC 9457 application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(exception, request, reply, this.logger);
  }
}

export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error' | 'warn'>): void {
  const { problem, unexpected } = toProblem(exception);
  if (unexpected) {
    // Log the error class and code only: messages and stacks of driver errors can carry values.
    const name = exception instanceof Error ? exception.name : typeof exception;
    const code = (exception as { code?: unknown } | null)?.code;
    const stack = exception instanceof Error ? exception.stack?.split('\n').slice(1, 6).join('\n') : undefined;
    logger.error({ err: { name, code, stack }, status: problem.status }, `Request failed: ${name}`);
  }
  if (reply.sent) return;
  const path = request.url.split('?')[0];
  // RFC 9110: a 429 (or 503) says when to come back.
  if (typeof problem.retryAfterSeconds === 'number') void reply.header('retry-after', String(problem.retryAfterSeconds));
  void reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: path, requestId: String(request.id) });
}
