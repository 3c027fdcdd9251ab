import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** How many built reports a process keeps: a few dozen commissioners' pages and their comparison periods. */
export const REPORT_RESULTS_KEPT = 256;

/**
 * Reports built from the rollups, kept in this process by what they were built from: the
 * report, the rollups' refresh (the transaction that wrote them), the areas, the period and every
 * filter. Until the rollups are refreshed again, those inputs give the very same protected
 * figures (the cell key method is deterministic), so a second reader of the same report, or
 * the dashboard's comparison periods, skip the rollup reads and the build. A refresh changes
 * the key, so nothing stale is ever served; figures from the tables (live) are never kept.
 *
 * Aggregate figures only, no personal data. Each caller gets its own copy (copyOf),
 * so one that decorates a report cannot change what the next is given. Least recently used
 * entries go first.
 */
@Injectable()
export class ReportResults {
  private readonly entries = new Map<string, unknown>();
  private hits = 0;
  private misses = 0;

  /** A short key for inputs that JSON can spell (dates as ISO strings). */
  static keyOf(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  }

  get<T>(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, value);
    return copyOf(value) as T;
  }

  /** Keeps a copy of `value`; one holding a class instance (which a copy would flatten) is not kept. */
  set(key: string, value: unknown): void {
    let copy: unknown;
    try {
      copy = copyOf(value);
    } catch {
      return;
    }
    this.entries.delete(key);
    this.entries.set(key, copy);
    while (this.entries.size > REPORT_RESULTS_KEPT) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** For tests and the bench: how often a report was served from here. */
  stats(): { size: number; hits: number; misses: number } {
    return { size: this.entries.size, hits: this.hits, misses: this.misses };
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * A deep copy of what a report is made of: plain objects, arrays, dates, maps and sets.
 * Not structuredClone, whose copies come from the realm it runs in (under jest's VM
 * modules, a Date that is not `instanceof Date` to the code that reads it).
 */
export function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, copyOf(item)])) as T;
  if (value instanceof Set) return new Set([...value].map(copyOf)) as T;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw new Error(`a report holds a ${prototype?.constructor?.name ?? 'class'} instance, which it cannot keep`);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyOf(item)])) as T;
}
