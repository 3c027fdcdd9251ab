import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { redactionPaths } from './logging.js';

function capture(): { logger: pino.Logger; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = pino({ redact: { paths: redactionPaths(), censor: '[redacted]' } }, stream);
  return { logger, lines: () => chunks.join('') };
}

describe('logs carry ids, never personal data', () => {
  it('redacts names, contact details, dates of birth, notes and secrets at any of the first levels', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        personId: 'p-1',
        givenName: 'Ann',
        person: { familyName: 'Example', dateOfBirth: '1990-04-21', email: 'ann@example.org', phone: '07700 900123' },
        body: { contact: { postcode: 'TS1 2AB', notes: 'fled the house' } },
        req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1', 'x-api-key': 'vjs_x' } },
        password: 'hunter2-hunter2',
      },
      'saved',
    );
    const output = lines();
    for (const secret of ['Ann', 'Example', '1990-04-21', 'ann@example.org', '07700', 'TS1 2AB', 'fled the house', 'abc.def.ghi', 'sid=1', 'vjs_x', 'hunter2']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('"personId":"p-1"');
  });
});
