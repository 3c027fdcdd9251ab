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
/** How many of the reports read under the last refresh are built again after the next one, most recently read first. */
export const REPORT_RESULTS_WARMED = 32;
/** And only those someone read within this long: a report nobody reads again stops being built. */
export const REPORT_RESULTS_WARM_WITHIN_MS = 24 * 3_600_000;

/** How a kept report was asked for, apart from the refresh: what the warmer builds again after the next one. */
export interface KeptReportOrigin {
  /** The request's key without the refresh: the same for the same report of another refresh. */
  identity: string;
  /** The refresh (RollupState.version) it was built from. */
  version: string;
  /** When someone last read it (the warmer's builds keep the reader's time). */
  lastRead: number;
  /** Builds it again from the current refresh and keeps it, with `lastRead` as it was. */
  rebuild: (lastRead: number) => Promise<unknown>;
}

interface Entry {
  value: unknown;
  chars: number;
  origin?: KeptReportOrigin;
}

@Injectable()
export class ReportResults {
  private readonly entries = new Map<string, Entry>();
  /** The key kept for each request identity: one refresh's report per request. */
  private readonly keyByIdentity = new Map<string, string>();
  /** Reports being built now, by key: a second reader of the same report waits for the first build. */
  private readonly building = new Map<string, Promise<unknown>>();
  private chars = 0;
  private hits = 0;
  private misses = 0;
  private warmed = 0;

  /** A short key for inputs that JSON can spell (dates as ISO strings). */
  static keyOf(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  }

  /** The report kept under `key`, as a copy; `now` (epoch ms) marks it read. */
  get<T>(key: string, now?: number): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (entry.origin && now !== undefined) entry.origin.lastRead = Math.max(entry.origin.lastRead, now);
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return copyOf(entry.value) as T;
  }

  /**
   * Keeps a copy of `value`; with its `origin`, it replaces the same request's report of an
   * earlier refresh and is built again after the next (warmable). Not kept: one holding a
   * class instance (which a copy would flatten), or larger than a quarter of REPORT_RESULTS_MAX_CHARS.
   */
  set(key: string, value: unknown, origin?: KeptReportOrigin): void {
    let copy: unknown;
    try {
      copy = copyOf(value);
    } catch {
      return;
    }
    const chars = JSON.stringify(copy)?.length ?? 0;
    this.remove(key);
    if (origin) {
      const earlier = this.keyByIdentity.get(origin.identity);
      if (earlier !== undefined) this.remove(earlier);
    }
    if (chars > REPORT_RESULTS_MAX_CHARS / 4) return;
    this.entries.set(key, { value: copy, chars, origin });
    if (origin) this.keyByIdentity.set(origin.identity, key);
    this.chars += chars;
    while (this.entries.size > REPORT_RESULTS_KEPT || this.chars > REPORT_RESULTS_MAX_CHARS) this.remove(this.entries.keys().next().value as string);
  }

  /**
   * Runs `build` for `key` unless a build of it is already running, whose result is then
   * awaited instead: the readers who arrive together after a refresh build the report once.
   */
  async once<T>(key: string, build: () => Promise<T>): Promise<{ value: T; shared: boolean }> {
    const running = this.building.get(key);
    if (running) return { value: (await running) as T, shared: true };
    const started = build();
    this.building.set(key, started);
    try {
      return { value: await started, shared: false };
    } finally {
      this.building.delete(key);
    }
  }

  /**
   * The kept reports of refreshes other than `version` that someone read since `since`
   * (epoch ms), most recently read first, at most `max`: what the warmer builds again.
   */
  warmable(version: string, since: number, max = REPORT_RESULTS_WARMED): KeptReportOrigin[] {
    return [...this.entries.values()]
      .flatMap((entry) => (entry.origin && entry.origin.version !== version && entry.origin.lastRead >= since ? [entry.origin] : []))
      .sort((a, b) => b.lastRead - a.lastRead)
      .slice(0, max);
  }

  /** Counts a report the warmer built again. */
  countWarmed(): void {
    this.warmed++;
  }

  /** For tests and the bench: how many reports are kept, their size, how often one was served from here and how many the warmer built. */
  stats(): { size: number; chars: number; hits: number; misses: number; warmed: number } {
    return { size: this.entries.size, chars: this.chars, hits: this.hits, misses: this.misses, warmed: this.warmed };
  }

  clear(): void {
    this.entries.clear();
    this.keyByIdentity.clear();
    this.chars = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= entry.chars;
    if (entry.origin && this.keyByIdentity.get(entry.origin.identity) === key) this.keyByIdentity.delete(entry.origin.identity);
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
  // A loop, not Object.fromEntries(Object.entries(...)): no array per property (six times faster on a year's report).
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyOf((value as Record<string, unknown>)[key]);
    // An own "__proto__" is a property to copy, not the copy's prototype to set.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
