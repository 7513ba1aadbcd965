import type { FileWarning, Finding, SkippedFile } from '../model/finding.js';
import { escapeHtml } from './html-escape.js';
import { sortSkipped } from './order.js';

/** Lists suppressed findings apart from the table, since the totals and the filter leave them out. */
export function renderSuppressedSection(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const rows = findings.map((finding) => {
    const suppression = finding.suppression!;
    const kind = suppression.kind === 'inSource' ? `comment${suppression.line ? ` on line ${suppression.line}` : ''}` : 'baseline';
    return (
      `<tr><td class="wrap"><span class="mono">${escapeHtml(`${finding.file}:${finding.line}`)}</span></td>` +
      `<td><span class="mono">${escapeHtml(finding.ruleId)}</span></td><td>${escapeHtml(kind)}</td>` +
      `<td class="wrap">${suppression.justification ? escapeHtml(suppression.justification) : '<span class="muted">none given</span>'}</td></tr>`
    );
  });
  return [
    '<section aria-labelledby="suppressed-heading"><h2 id="suppressed-heading">Suppressed findings</h2>',
    '<table id="suppressed"><thead><tr><th scope="col">Location</th><th scope="col">Rule</th><th scope="col">Suppressed by</th><th scope="col">Justification</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table></section>`,
  ].join('\n');
}

export function renderSkippedSection(skipped: readonly SkippedFile[]): string {
  if (skipped.length === 0) return '';
  const rows = sortSkipped(skipped).map(
    (entry) => `<tr><td class="wrap"><span class="mono">${escapeHtml(entry.file)}</span></td><td class="wrap">${escapeHtml(entry.reason)}</td></tr>`,
  );
  return [
    '<section aria-labelledby="skipped-heading"><h2 id="skipped-heading">Skipped files</h2>',
    '<p>These files were not scanned, so they may hold more calls.</p>',
    '<table id="skipped"><thead><tr><th scope="col">File</th><th scope="col">Reason</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table></section>`,
  ].join('\n');
}

export function renderWarningsSection(warnings: readonly FileWarning[]): string {
  if (warnings.length === 0) return '';
  const items = warnings.map((warning) => `<li><span class="mono">${escapeHtml(warning.file)}</span>: ${escapeHtml(warning.message)}</li>`);
  return `<section aria-labelledby="warnings-heading"><h2 id="warnings-heading">Warnings</h2><ul>${items.join('')}</ul></section>`;
}
