import { label } from './labels.js';

/**
 * A line under a timeline entry, from its payload: what kind, what outcome, which reason.
 * Ids are left out (they mean nothing to a reader); so is anything that is not a plain value.
 */
export function describeEvent(_type: string, payload: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(payload ?? {})) {
    if (/id$|Id$|^subject$/.test(key) || value === null || value === undefined) continue;
    if (typeof value === 'string') parts.push(`${words(key)}: ${/^[a-z0-9_.-]+$/.test(value) ? label(value) : value}`);
    else if (typeof value === 'number') parts.push(`${words(key)}: ${value}`);
    else if (typeof value === 'boolean') parts.push(`${words(key)}: ${value ? 'yes' : 'no'}`);
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) parts.push(`${words(key)}: ${value.map((item) => label(item as string)).join(', ')}`);
  }
  return parts.join('. ');
}

function words(key: string): string {
  const text = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
