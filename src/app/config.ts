import { createHmac } from 'node:crypto';
import { Logger } from '@nestjs/common';

/**
 * Typed configuration, read once from the environment and validated at start-up.
 * A missing or malformed variable stops the process with a message naming it,
 * so a misconfigured deployment never runs half-working.
 */
export type RuntimeMode = 'development' | 'test' | 'production';

export interface AppConfig {
  mode: RuntimeMode;
  /** CLOCK_OFFSET: the service's clock runs this far ahead (or behind) of the host's; local use only, 0 in production. */
  clockOffsetMs: number;
  http: { host: string; port: number; bodyLimitBytes: number; publicBaseUrl: string; trustProxy: boolean };
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  /** Prefix for every Redis key this deployment writes (BullMQ queues, rate limits). */
  redisPrefix: string;
  /** maxConnections: SMTP connections the worker keeps open at once (SMTP_MAX_CONNECTIONS): 08:00 is a burst of one email per person. */
  smtp: { url: string; from: string; maxConnections: number };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginMaxFailures: number;
    loginLockoutSeconds: number;
  };
  audit: {
    /**
     * HMAC key of the audit chain and its signed tree heads. The database never holds it,
     * so whoever can write the tables cannot recompute a chain that verifies.
     */
    chainKey: string;
    /** How often the worker seals newly committed audit rows into the chain. */
    sealEveryMs: number;
    /** How often the worker writes the chain's head (size and hash) to its log, outside the database. */
    publishHeadEveryMinutes: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  worker: {
    /** Where the worker serves /health/live and /health/ready; port 0 takes any free port (tests). */
    healthHost: string;
    healthPort: number;
  };
  reminders: {
    /**
     * How long a reminder job's lock lasts without renewal: a worker that dies mid-job
     * holds it this long before another worker runs the job again.
     */
    lockDurationMs: number;
    /**
     * How often the worker checks that its reminder sweep's schedule is still in Redis; a
     * flush found here is repaired (schedule restored, a sweep at once) within this long.
     */
    scheduleCheckMs: number;
    /**
     * The first retry's delay; each later retry waits twice as long, up to `retryMaxDelayMs`.
     * Retries go on until the reminder's moment has passed (reminder-retries.ts), not for a
     * number of attempts.
     */
    retryDelayMs: number;
    /** The longest wait between two retries of a refused reminder. */
    retryMaxDelayMs: number;
    /**
     * While SMTP is refusing reminders, how often the worker greets the server; once it
     * answers, a waiting retry is run at once, and when that one is sent, all the others.
     */
    smtpCheckMs: number;
  };
  journeys: {
    /** Unsuccessful contact attempts after which a referral is "unable to contact" (VCAS attempts policy). */
    unableToContactAttempts: number;
  };
  referralImports: {
    /** Largest CSV file accepted, in bytes. */
    maxBytes: number;
  };
  reports: {
    /**
     * How report figures are protected: `cell-key` (the cell key method, docs/reports.md), or
     * `none` (exact figures, for tests that compare reports with SQL; refused in production).
     */
    disclosureControl: 'cell-key' | 'none';
    /** How often the worker rebuilds the report rollups. */
    rollupRefreshMinutes: number;
    /** Older rollups are not used: reports fall back to the plain queries (slower, current). */
    rollupMaxAgeMinutes: number;
    /**
     * How often (seconds) the API looks for a new rollup refresh, to build again the reports
     * read from the last one before anyone asks (ReportResultsWarmer); 0 turns that off.
     */
    warmSeconds: number;
    /** Key of the pseudonymous person ids in breach lists (HMAC); derived from JWT_SECRET when not set. */
    pseudonymSecret: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name];
    if (value === undefined || value === '') {
      if (fallback !== undefined) return fallback;
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  }

  url(name: string, protocols: string[], fallback?: string): string {
    const value = this.string(name, fallback);
    if (value === '') return value;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
      }
    } catch {
      // The value may hold a password: name the variable, never echo it.
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }
}

const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';
const DEV_AUDIT_CHAIN_KEY = 'dev-only-audit-chain-key-change-me-0123456789';

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const mode = read.oneOf<RuntimeMode>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const production = mode === 'production';
  const port = read.int('PORT', 3000, { min: 1, max: 65535 });

  const clockOffset = env.CLOCK_OFFSET?.trim() ?? '';
  const clockOffsetMs = clockOffset === '' ? 0 : parseClockOffset(clockOffset);
  if (clockOffsetMs === null) read.problems.push('CLOCK_OFFSET must be a duration such as +21h, -30m, 2d or 90s');
  else if (clockOffsetMs !== 0 && production) read.problems.push('CLOCK_OFFSET steers time for local use only; it is refused when NODE_ENV=production');

  const config: AppConfig = {
    mode,
    clockOffsetMs: clockOffsetMs ?? 0,
    http: {
      host: read.string('HOST', '127.0.0.1'),
      port,
      bodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1_048_576, { min: 1024 }),
      publicBaseUrl: read.url('PUBLIC_BASE_URL', ['http:', 'https:'], `http://127.0.0.1:${port}`),
      trustProxy: read.oneOf('TRUST_PROXY', ['true', 'false'], 'false') === 'true',
    },
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: read.string('REDIS_PREFIX', 'vjs'),
    smtp: {
      url: read.url('SMTP_URL', ['smtp:', 'smtps:']),
      from: read.string('MAIL_FROM', 'Victim journey service <no-reply@victim-journey.invalid>'),
      maxConnections: read.int('SMTP_MAX_CONNECTIONS', 5, { min: 1, max: 50 }),
    },
    auth: {
      jwtSecret: production ? read.string('JWT_SECRET') : read.string('JWT_SECRET', DEV_JWT_SECRET),
      accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, { min: 60, max: 3600 }),
      refreshTokenTtlSeconds: read.int('REFRESH_TOKEN_TTL_SECONDS', 8 * 3600, { min: 300, max: 30 * 86400 }),
      loginMaxFailures: read.int('LOGIN_MAX_FAILURES', 5, { min: 1, max: 100 }),
      loginLockoutSeconds: read.int('LOGIN_LOCKOUT_SECONDS', 900, { min: 1, max: 86400 }),
    },
    audit: {
      chainKey: production ? read.string('AUDIT_CHAIN_KEY') : read.string('AUDIT_CHAIN_KEY', DEV_AUDIT_CHAIN_KEY),
      sealEveryMs: read.int('AUDIT_SEAL_EVERY_MS', 2_000, { min: 100, max: 60_000 }),
      publishHeadEveryMinutes: read.int('AUDIT_PUBLISH_HEAD_EVERY_MINUTES', 24 * 60, { min: 1, max: 24 * 60 }),
    },
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    worker: {
      healthHost: read.string('WORKER_HEALTH_HOST', '127.0.0.1'),
      healthPort: read.int('WORKER_HEALTH_PORT', 3001, { min: 0, max: 65535 }),
    },
    reminders: {
      lockDurationMs: read.int('REMINDER_LOCK_SECONDS', 15, { min: 1, max: 3600 }) * 1000,
      scheduleCheckMs: read.int('REMINDER_SCHEDULE_CHECK_SECONDS', 15, { min: 1, max: 3600 }) * 1000,
      retryDelayMs: read.int('REMINDER_RETRY_DELAY_MS', 5_000, { min: 100, max: 3_600_000 }),
      retryMaxDelayMs: read.int('REMINDER_RETRY_MAX_DELAY_MS', 15 * 60_000, { min: 100, max: 24 * 3_600_000 }),
      smtpCheckMs: read.int('REMINDER_SMTP_CHECK_SECONDS', 15, { min: 1, max: 3600 }) * 1000,
    },
    journeys: { unableToContactAttempts: read.int('UNABLE_TO_CONTACT_ATTEMPTS', 3, { min: 1, max: 20 }) },
    referralImports: { maxBytes: read.int('REFERRAL_IMPORT_MAX_BYTES', 64 * 1024 * 1024, { min: 1024, max: 1024 * 1024 * 1024 }) },
    reports: {
      disclosureControl: read.oneOf('REPORTS_DISCLOSURE_CONTROL', ['cell-key', 'none'], 'cell-key'),
      rollupRefreshMinutes: read.int('REPORTS_ROLLUP_REFRESH_MINUTES', 10, { min: 1, max: 24 * 60 }),
      rollupMaxAgeMinutes: read.int('REPORTS_ROLLUP_MAX_AGE_MINUTES', 60, { min: 1, max: 7 * 24 * 60 }),
      warmSeconds: read.int('REPORTS_WARM_SECONDS', 5, { min: 0, max: 3600 }),
      pseudonymSecret: read.string('REPORTS_PSEUDONYM_SECRET', ''),
    },
  };

  if (config.auth.jwtSecret && config.auth.jwtSecret.length < 32) {
    read.problems.push('JWT_SECRET must be at least 32 characters');
  }
  if (config.reports.pseudonymSecret === '') {
    // A key of its own, derived, so the pseudonyms never reveal the signing key; set
    // REPORTS_PSEUDONYM_SECRET to keep pseudonyms stable when JWT_SECRET is rotated.
    config.reports.pseudonymSecret = createHmac('sha256', config.auth.jwtSecret).update('vjs-report-pseudonyms').digest('hex');
  } else if (config.reports.pseudonymSecret.length < 32) {
    read.problems.push('REPORTS_PSEUDONYM_SECRET must be at least 32 characters');
  }
  if (config.audit.chainKey && config.audit.chainKey.length < 32) {
    read.problems.push('AUDIT_CHAIN_KEY must be at least 32 characters');
  }
  if (production && config.audit.chainKey === DEV_AUDIT_CHAIN_KEY) {
    read.problems.push('AUDIT_CHAIN_KEY must be set to a secret of its own in production');
  }
  if (production && config.audit.chainKey && config.audit.chainKey === config.auth.jwtSecret) {
    read.problems.push('AUDIT_CHAIN_KEY must differ from JWT_SECRET');
  }
  if (production && config.reports.disclosureControl === 'none') {
    read.problems.push('REPORTS_DISCLOSURE_CONTROL=none (exact figures) is refused in production');
  }
  if (production && config.auth.jwtSecret === DEV_JWT_SECRET) {
    read.problems.push('JWT_SECRET must be set to a secret of its own in production');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** For entry points: the configuration, or exit 78 (EX_CONFIG) naming what is wrong. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    new Logger('Config').error(error.message);
    process.exit(78);
  }
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

const OFFSET_UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `+21h`, `-30m`, `2d`, `90s`, `1500ms` (or a bare number of milliseconds) -> milliseconds; null when malformed. */
export function parseClockOffset(value: string): number | null {
  const match = /^([+-]?)(\d{1,9})(ms|s|m|h|d)?$/.exec(value);
  if (!match) return null;
  const magnitude = Number(match[2]) * OFFSET_UNITS_MS[match[3] ?? 'ms']!;
  return match[1] === '-' ? -magnitude : magnitude;
}
