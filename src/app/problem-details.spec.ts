import { describe, expect, it } from '@jest/globals';
import { NotFoundException } from '@nestjs/common';
import { CommonError, validationFailed } from './common.errors.js';
import { toProblem } from './problem-details.js';

describe('problem details', () => {
  it('turns a domain error into a typed problem with its code', () => {
    const { problem } = toProblem(CommonError.of('CONFLICT', 'changed'));
    expect(problem).toEqual({ type: '/problems/conflict', title: expect.any(String), status: 409, detail: 'changed', code: 'CONFLICT' });
  });

  it('lists the offending fields of a validation failure', () => {
    const { problem } = toProblem(validationFailed([{ field: 'contact.email', message: 'must be an email' }]));
    expect(problem.errors).toEqual([{ field: 'contact.email', message: 'must be an email' }]);
    expect(problem.status).toBe(400);
  });

  it('maps connection failures to 503 and never echoes an unknown error’s message', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toProblem(refused).problem.status).toBe(503);
    const unknown = toProblem(new Error('Ann Example, 1990-04-21, broke'));
    expect(unknown.problem).toEqual(expect.objectContaining({ status: 500, code: 'INTERNAL' }));
    expect(JSON.stringify(unknown.problem)).not.toContain('Ann');
  });

  it('maps Nest and Fastify errors to the same shape', () => {
    expect(toProblem(new NotFoundException()).problem.code).toBe('NOT_FOUND');
    expect(toProblem(Object.assign(new Error('too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })).problem.status).toBe(413);
  });
});
