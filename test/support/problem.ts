import { expect } from '@jest/globals';
import type { Response } from 'supertest';

/** Asserts an RFC 9457 problem+json answer with the given status, and returns its body. */
export function expectProblem(response: Response, status: number, code?: string): Record<string, unknown> & { errors?: Array<{ field: string; message: string }> } {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(response.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, requestId: expect.any(String) }),
  );
  if (code) expect(response.body.code).toBe(code);
  return response.body;
}

export function fieldsOf(body: { errors?: Array<{ field: string }> }): string[] {
  return (body.errors ?? []).map((error) => error.field).sort();
}
