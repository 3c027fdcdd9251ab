import { createHmac } from 'node:crypto';
import type { AppConfig } from '../app/config.js';

export interface WebConfig {
  /** Signs the session cookie; WEB_SESSION_SECRET, else derived from JWT_SECRET. */
  sessionSecret: string;
  /** A session unused this long ends (WEB_SESSION_IDLE_MINUTES, default 30). */
  idleMinutes: number;
  /** The "you'll be signed out soon" warning shows this long before (WEB_SESSION_WARNING_MINUTES, default 5). */
  warningMinutes: number;
  /** Cookies are Secure, and browsers are told to upgrade to https, in production (or WEB_SECURE_COOKIES=true). */
  secure: boolean;
}

export function webConfig(config: AppConfig, env: Record<string, string | undefined> = process.env): WebConfig {
  const minutes = (name: string, fallback: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number of minutes from 1 to ${max} (got "${raw}")`);
    return value;
  };
  const idleMinutes = minutes('WEB_SESSION_IDLE_MINUTES', 30, 24 * 60);
  const secret = env.WEB_SESSION_SECRET;
  if (secret !== undefined && secret !== '' && secret.length < 32) throw new Error('WEB_SESSION_SECRET must be at least 32 characters');
  return {
    sessionSecret: secret || createHmac('sha256', config.auth.jwtSecret).update('vjs web session cookie').digest('hex'),
    idleMinutes,
    warningMinutes: Math.min(minutes('WEB_SESSION_WARNING_MINUTES', 5, 60), idleMinutes),
    secure: env.WEB_SECURE_COOKIES ? env.WEB_SECURE_COOKIES === 'true' : config.mode === 'production',
  };
}
