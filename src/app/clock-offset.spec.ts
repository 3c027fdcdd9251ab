import { describe, expect, it } from '@jest/globals';
import { OffsetClock } from './clock.js';
import { loadConfig, parseClockOffset } from './config.js';

const valid = {
  DATABASE_URL: 'postgres://vjs:secret@127.0.0.1:55432/vjs',
  REDIS_URL: 'redis://127.0.0.1:56379',
  SMTP_URL: 'smtp://127.0.0.1:51025',
};

describe('CLOCK_OFFSET, to steer time locally', () => {
  it('reads durations ahead and behind', () => {
    expect(parseClockOffset('+21h')).toBe(21 * 3_600_000);
    expect(parseClockOffset('-30m')).toBe(-30 * 60_000);
    expect(parseClockOffset('2d')).toBe(2 * 86_400_000);
    expect(parseClockOffset('1500')).toBe(1500);
    expect(parseClockOffset('tomorrow')).toBeNull();
    expect(loadConfig({ ...valid, CLOCK_OFFSET: '+1d' }).clockOffsetMs).toBe(86_400_000);
    expect(loadConfig(valid).clockOffsetMs).toBe(0);
  });

  it('names a malformed offset', () => {
    expect(() => loadConfig({ ...valid, CLOCK_OFFSET: 'next tuesday' })).toThrow(/CLOCK_OFFSET must be a duration/);
  });

  it('is refused in production', () => {
    const production = { ...valid, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), AUDIT_CHAIN_KEY: 'y'.repeat(40) };
    expect(() => loadConfig({ ...production, CLOCK_OFFSET: '+21h' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('moves the service clock by the offset', () => {
    const ahead = new OffsetClock(86_400_000).now().getTime() - Date.now();
    expect(ahead).toBeGreaterThanOrEqual(86_400_000 - 1_000);
    expect(ahead).toBeLessThanOrEqual(86_400_000 + 1_000);
  });
});
