import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** How many built reports a process keeps: a few dozen commissioners' pages and their comparison periods. */
export const REPORT_RESULTS_KEPT = 256;
/**
 * And at most this much of them, measured as JSON characters (a national 12-month compliance
 * report with its organisations is about 1 MB): the API's heap stays bounded whatever is asked.
 * A report larger than a quarter of it is not kept.
 */
export const REPORT_RESULTS_MAX_CHARS = 32 * 1024 * 1024;

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
 * entries go first, beyond REPORT_RESULTS_KEPT reports or REPORT_RESULTS_MAX_CHARS.
 */
@Injectable()
export class ReportResults {
  private readonly entries = new Map<string, { value: unknown; chars: number }>();
  private chars = 0;
  private hits = 0;
  private misses = 0;

  /** A short key for inputs that JSON can spell (dates as ISO strings). */
  static keyOf(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  }

  get<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return copyOf(entry.value) as T;
  }

  /**
   * Keeps a copy of `value`. Not kept: one holding a class instance (which a copy would
   * flatten), or larger than a quarter of REPORT_RESULTS_MAX_CHARS.
   */
  set(key: string, value: unknown): void {
    let copy: unknown;
    try {
      copy = copyOf(value);
    } catch {
      return;
    }
    const chars = JSON.stringify(copy)?.length ?? 0;
    this.remove(key);
    if (chars > REPORT_RESULTS_MAX_CHARS / 4) return;
    this.entries.set(key, { value: copy, chars });
    this.chars += chars;
    while (this.entries.size > REPORT_RESULTS_KEPT || this.chars > REPORT_RESULTS_MAX_CHARS) this.remove(this.entries.keys().next().value as string);
  }

  /** For tests and the bench: how many reports are kept, their size and how often one was served from here. */
  stats(): { size: number; chars: number; hits: number; misses: number } {
    return { size: this.entries.size, chars: this.chars, hits: this.hits, misses: this.misses };
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= entry.chars;
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
