/**
 * Charts drawn on the server as SVG (no script, no charting library): a line of a figure
 * by month against a target, and horizontal bars. Each is drawn beside a table of the same
 * figures, so the chart is an aid, not the only way to read them. They read without colour:
 * every point and bar carries its value as text, the target is a dashed line labelled
 * "Target", and a figure the report does not show is marked "n/s" where it would be, as in
 * the table. Presentation attributes only (no style attributes: the CSP forbids them).
 */

/** How a figure the report does not show is marked, in charts and tables alike. */
export const NOT_SHOWN = 'n/s';

export interface ChartPoint {
  /** Short label under the axis, e.g. "Apr 26". */
  label: string;
  /** The figure, or null when the report does not show it. */
  value: number | null;
}

export interface Chart {
  id: string;
  title: string;
  /** A sentence saying what the chart shows ("On time rose from 71% to 78%"). */
  summary: string;
  svg: string;
}

const INK = '#0b0c0c';
const GRID = '#b1b4b6';
const SERIES = '#1d70b8';
const TARGET = '#0b0c0c';
const FONT = 'Arial, Helvetica, sans-serif';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}

function percentText(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

function svgOpen(id: string, title: string, summary: string, width: number, height: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(summary)}</desc>`
  );
}

/**
 * A percentage by month, 0-100%, with the target as a dashed line. The line is broken
 * where a month's figure is not shown.
 */
export function percentLineChart(options: { id: string; title: string; summary: string; points: readonly ChartPoint[]; target: number | null }): Chart {
  const width = 720;
  const height = 320;
  const left = 48;
  const right = 96;
  const top = 20;
  const bottom = 40;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const count = Math.max(options.points.length, 1);
  const x = (index: number) => left + (count === 1 ? plotWidth / 2 : (index * plotWidth) / (count - 1));
  const y = (value: number) => Math.round((top + plotHeight - (value / 100) * plotHeight) * 10) / 10;
  const parts: string[] = [svgOpen(options.id, options.title, options.summary, width, height)];

  for (const tick of [0, 25, 50, 75, 100]) {
    parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(`<text x="${left - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="12" fill="${INK}">${tick}%</text>`);
  }
  options.points.forEach((point, index) => {
    parts.push(`<text x="${x(index)}" y="${height - 14}" text-anchor="middle" font-size="12" fill="${INK}">${escapeXml(point.label)}</text>`);
  });
  if (options.target !== null) {
    parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(options.target)}" y2="${y(options.target)}" stroke="${TARGET}" stroke-width="2" stroke-dasharray="8 6"/>`);
    parts.push(`<text x="${left + plotWidth + 6}" y="${y(options.target) + 4}" font-size="13" font-weight="bold" fill="${INK}">Target ${percentText(options.target)}</text>`);
  }
  // The line, in runs of shown months.
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${SERIES}" stroke-width="3"/>`);
    run = [];
  };
  options.points.forEach((point, index) => {
    if (point.value === null) return flush();
    run.push(`${x(index)},${y(point.value)}`);
  });
  flush();
  options.points.forEach((point, index) => {
    if (point.value === null) {
      parts.push(`<text x="${x(index)}" y="${y(0) - 6}" text-anchor="middle" font-size="12" font-style="italic" fill="${INK}">${NOT_SHOWN}</text>`);
      return;
    }
    parts.push(`<circle cx="${x(index)}" cy="${y(point.value)}" r="4.5" fill="#ffffff" stroke="${SERIES}" stroke-width="3"/>`);
    const above = point.value < 92;
    parts.push(`<text x="${x(index)}" y="${y(point.value) + (above ? -10 : 20)}" text-anchor="middle" font-size="12" fill="${INK}">${percentText(point.value)}</text>`);
  });
  parts.push('</svg>');
  return { id: options.id, title: options.title, summary: options.summary, svg: parts.join('') };
}

export interface ChartBar {
  label: string;
  value: number | null;
  /** The value as written beside the bar; defaults to the number (with % when `percent`). */
  text?: string;
}

/** Horizontal bars, labelled at their end; `percent` draws them on 0-100%. */
export function barChart(options: { id: string; title: string; summary: string; bars: readonly ChartBar[]; percent: boolean }): Chart {
  const labelWidth = 260;
  const width = 720;
  const barHeight = 24;
  const gap = 12;
  const top = 8;
  const plotWidth = width - labelWidth - 90;
  const height = top + options.bars.length * (barHeight + gap) + 8;
  const max = options.percent ? 100 : Math.max(1, ...options.bars.map((bar) => bar.value ?? 0));
  const parts: string[] = [svgOpen(options.id, options.title, options.summary, width, Math.max(height, 40))];
  options.bars.forEach((bar, index) => {
    const barTop = top + index * (barHeight + gap);
    const middle = barTop + barHeight / 2 + 4;
    parts.push(`<text x="${labelWidth - 8}" y="${middle}" text-anchor="end" font-size="13" fill="${INK}">${escapeXml(bar.label)}</text>`);
    if (bar.value === null) {
      parts.push(`<text x="${labelWidth + 4}" y="${middle}" font-size="13" font-style="italic" fill="${INK}">${escapeXml(bar.text ?? NOT_SHOWN)}</text>`);
      return;
    }
    const length = Math.max(1, (bar.value / max) * plotWidth);
    parts.push(`<rect x="${labelWidth}" y="${barTop}" width="${length.toFixed(1)}" height="${barHeight}" fill="${SERIES}"/>`);
    const text = bar.text ?? (options.percent ? percentText(bar.value) : String(bar.value));
    parts.push(`<text x="${(labelWidth + length + 6).toFixed(1)}" y="${middle}" font-size="13" font-weight="bold" fill="${INK}">${escapeXml(text)}</text>`);
  });
  parts.push('</svg>');
  return { id: options.id, title: options.title, summary: options.summary, svg: parts.join('') };
}

/**
 * A sentence on how a percentage moved over shown figures: from the first shown to the
 * last ("On time rose from 71% to 78% between June 2025 and May 2026").
 */
export function movementSentence(what: string, points: ReadonlyArray<{ label: string; value: number | null }>): string {
  const shown = points.filter((point) => point.value !== null) as Array<{ label: string; value: number }>;
  if (shown.length === 0) return `${what}: no figure is shown for these months.`;
  if (shown.length === 1) return `${what} was ${percentText(shown[0].value)} in ${shown[0].label}, the only month with a figure shown.`;
  const first = shown[0];
  const last = shown[shown.length - 1];
  const verb = last.value > first.value ? 'rose' : last.value < first.value ? 'fell' : 'stayed';
  const span = `between ${first.label} and ${last.label}`;
  return verb === 'stayed' ? `${what} stayed at ${percentText(first.value)} ${span}.` : `${what} ${verb} from ${percentText(first.value)} to ${percentText(last.value)} ${span}.`;
}
