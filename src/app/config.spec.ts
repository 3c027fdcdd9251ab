import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const valid = {
  DATABASE_URL: 'postgres://vjs:secret@127.0.0.1:55432/vjs',
  REDIS_URL: 'redis://127.0.0.1:56379',
  SMTP_URL: 'smtp://127.0.0.1:51025',
};

describe('configuration', () => {
  it('reads a complete environment with defaults for the rest', () => {
    const config = loadConfig(valid);
    expect(config).toEqual(
      expect.objectContaining({ mode: 'development', databaseUrl: valid.DATABASE_URL, redisPrefix: 'vjs' }),
    );
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
  });

  it('names every missing variable', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({});
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['DATABASE_URL is required', 'REDIS_URL is required', 'SMTP_URL is required']);
    }
  });

  it('names a malformed variable without echoing a secret it may hold', () => {
    try {
      loadConfig({ ...valid, DATABASE_URL: 'not a url with password hunter2', PORT: 'eighty' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_URL is not a valid URL');
      expect(message).toContain('PORT must be an integer');
      expect(message).not.toContain('hunter2');
    }
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('requires an audit chain key of its own in production, with a development default otherwise', () => {
    const jwt = { JWT_SECRET: 'j'.repeat(40) };
    expect(loadConfig(valid).audit.chainKey.length).toBeGreaterThanOrEqual(32);
    expect(() => loadConfig({ ...valid, ...jwt, NODE_ENV: 'production' })).toThrow(/AUDIT_CHAIN_KEY is required/);
    expect(() => loadConfig({ ...valid, ...jwt, NODE_ENV: 'production', AUDIT_CHAIN_KEY: 'short' })).toThrow(/AUDIT_CHAIN_KEY must be at least 32 characters/);
    expect(() => loadConfig({ ...valid, ...jwt, NODE_ENV: 'production', AUDIT_CHAIN_KEY: jwt.JWT_SECRET })).toThrow(/AUDIT_CHAIN_KEY must differ from JWT_SECRET/);
    expect(loadConfig({ ...valid, ...jwt, NODE_ENV: 'production', AUDIT_CHAIN_KEY: 'k'.repeat(40) }).audit).toEqual({
      chainKey: 'k'.repeat(40),
      sealEveryMs: 2_000,
      publishHeadEveryMinutes: 1_440,
    });
  });

  it('protects report figures by the cell key method by default, and keys report pseudonyms apart from the signing key', () => {
    const config = loadConfig(valid);
    expect(config.reports).toEqual(expect.objectContaining({ disclosureControl: 'cell-key', rollupRefreshMinutes: 10, rollupMaxAgeMinutes: 60 }));
    expect(config.reports.pseudonymSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(config.reports.pseudonymSecret).not.toBe(config.auth.jwtSecret);
    expect(loadConfig({ ...valid, REPORTS_DISCLOSURE_CONTROL: 'none' }).reports.disclosureControl).toBe('none');
    const production = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(40), AUDIT_CHAIN_KEY: 'k'.repeat(40) };
    expect(() => loadConfig({ ...valid, ...production, REPORTS_DISCLOSURE_CONTROL: 'none' })).toThrow(/REPORTS_DISCLOSURE_CONTROL=none .* is refused in production/);
    expect(loadConfig({ ...valid, ...production }).reports.disclosureControl).toBe('cell-key');
    expect(() => loadConfig({ ...valid, REPORTS_PSEUDONYM_SECRET: 'short' })).toThrow(/REPORTS_PSEUDONYM_SECRET must be at least 32 characters/);
  });
});
