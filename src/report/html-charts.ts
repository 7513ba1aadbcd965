import { escapeHtml } from './html-escape.js';

/** One bar: the label shown (scanned text allowed, it is escaped) and its count. */
export interface ChartBar {
  label: string;
  count: number;
}

/** Width of a chart in CSS pixels; it shrinks to fit a narrower container. */
const CHART_WIDTH = 360;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
/** Space left of the bars for labels, and right of them for the count. */
const LABEL_WIDTH = 150;
const COUNT_WIDTH = 40;
/** Characters of a label shown before it is cut with an ellipsis; the full label stays in a tooltip. */
const MAX_LABEL_CHARS = 22;
/** Bars shown before the rest are summed into one "other" bar, so a chart stays readable. */
export const MAX_BARS = 10;

/**
 * Renders a horizontal bar chart as inline SVG. The chart has a text alternative listing every
 * bar, so screen readers get the numbers without the drawing.
 */
export function renderBarChart(id: string, title: string, bars: readonly ChartBar[]): string {
  const shown = limitBars(bars);
  const max = Math.max(1, ...shown.map((bar) => bar.count));
  const height = Math.max(1, shown.length) * ROW_HEIGHT + 4;
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - COUNT_WIDTH;
  const description = shown.map((bar) => `${bar.label}: ${bar.count}`).join(', ') || 'no findings';

  const rows = shown.map((bar, index) => {
    const y = index * ROW_HEIGHT + 2;
    const width = Math.max(2, Math.round((bar.count / max) * plotWidth));
    const label = bar.label.length > MAX_LABEL_CHARS ? `${bar.label.slice(0, MAX_LABEL_CHARS - 1)}…` : bar.label;
    return [
      `<g><title>${escapeHtml(`${bar.label}: ${bar.count}`)}</title>`,
      `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 3}" text-anchor="end">${escapeHtml(label)}</text>`,
      `<rect class="bar" x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" rx="2"></rect>`,
      `<text x="${LABEL_WIDTH + width + 6}" y="${y + BAR_HEIGHT - 3}">${bar.count}</text></g>`,
    ].join('');
  });

  return [
    `<figure><figcaption id="${id}-caption">${escapeHtml(title)}</figcaption>`,
    `<svg role="img" aria-labelledby="${id}-caption ${id}-desc" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<desc id="${id}-desc">${escapeHtml(description)}</desc>`,
    ...rows,
    '</svg></figure>',
  ].join('\n');
}

/** Keeps the largest bars, summing the rest into one bar named after their number. */
function limitBars(bars: readonly ChartBar[]): ChartBar[] {
  if (bars.length <= MAX_BARS) return [...bars];
  const sorted = [...bars].sort((a, b) => b.count - a.count);
  const kept = sorted.slice(0, MAX_BARS - 1);
  const rest = sorted.slice(MAX_BARS - 1);
  kept.push({ label: `${rest.length} other`, count: rest.reduce((sum, bar) => sum + bar.count, 0) });
  return kept;
}
