import { join } from 'node:path';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { splitLines } from './code-frame.js';
import { renderBarChart } from './html-charts.js';
import { escapeHtml, jsonForScript } from './html-escape.js';
import { filterEntry, renderFindingBody } from './html-findings.js';
import { renderPage } from './html-page.js';
import { renderSkippedSection, renderSuppressedSection, renderWarningsSection } from './html-sections.js';
import { readSourceFromDisk } from './html-source.js';
import { compareStrings } from './order.js';
import { FIX_TIER_LABELS, buildMigrationPlan, folderOf, formatHours, providerKey, providerLabel, type MigrationPlan } from './plan.js';
import type { ReportContext, Reporter } from './reporter.js';
import { redactScanResult } from './redact.js';

/**
 * One self-contained HTML page: totals, charts, a findings table that filters client-side, a
 * code frame and the rule's guidance per finding. It loads nothing from the network, and every
 * scanned string is escaped on the server and written with `textContent` in the browser.
 */
export const htmlReporter: Reporter = {
  format: 'html',
  render: renderHtmlReport,
};

function renderHtmlReport(scanned: ScanResult, ctx: ReportContext): string {
  const result = redactScanResult(scanned);
  const plan = buildMigrationPlan(result);
  const readSource = ctx.readSource ?? readSourceFromDisk;
  const sources = new Map<string, readonly string[] | null>();
  const linesOf = (file: string): readonly string[] | null => {
    if (!sources.has(file)) {
      const text = readSource(join(result.root, file));
      sources.set(file, text === null ? null : splitLines(text));
    }
    return sources.get(file) ?? null;
  };

  const bodies = plan.active.map((finding, index) => renderFindingBody(finding, index, linesOf(finding.file), ctx.rules));
  const body = [
    '<main>',
    renderHeader(result, plan, ctx.toolVersion),
    renderCharts(plan),
    renderFindingsSection(plan, bodies),
    renderSuppressedSection(plan.suppressed),
    renderSkippedSection(result.skipped),
    renderWarningsSection(result.warnings ?? []),
    '</main>',
  ].join('\n');

  return renderPage({
    title: `PIM API migration report: ${plan.active.length} ${plan.active.length === 1 ? 'finding' : 'findings'}`,
    body,
    dataJson: jsonForScript(plan.active.map(filterEntry)),
  });
}

function renderHeader(result: ScanResult, plan: MigrationPlan, toolVersion: string): string {
  const tiles: Array<[string, string, string]> = [
    ['total-findings', String(plan.active.length), plan.active.length === 1 ? 'finding' : 'findings'],
    ['total-files', String(plan.files), plan.files === 1 ? 'file with findings' : 'files with findings'],
    ...plan.byFix.map((row): [string, string, string] => [`total-${row.key}`, String(row.count), `fix tier ${row.key}`]),
    ['total-effort', formatHours(plan.effort.minutes), 'estimated effort'],
    ['total-suppressed', String(plan.suppressed.length), 'suppressed'],
    ['total-skipped', String(result.skipped.length), result.skipped.length === 1 ? 'file skipped' : 'files skipped'],
  ];
  const items = tiles.map(([id, value, label]) => `<li id="${id}"><strong>${escapeHtml(value)}</strong>${escapeHtml(label)}</li>`);
  const scanned = result.summary.filesDiscovered - result.summary.filesSkipped;

  return [
    '<header>',
    '<h1>PIM API migration report</h1>',
    `<p class="lead">Uses of the retired Microsoft Entra PIM iteration 1 and 2 APIs, each with its iteration 3 replacement. ` +
      `pim-migrate ${escapeHtml(toolVersion)} scanned ${scanned} files. ` +
      'The effort is an estimate from assumed minutes per finding by fix tier and confidence; the Markdown report lists the assumptions.</p>',
    `<ul class="tiles" aria-label="Totals">${items.join('')}</ul>`,
    '</header>',
  ].join('\n');
}

function renderCharts(plan: MigrationPlan): string {
  if (plan.active.length === 0) return '';
  const folders = new Map<string, number>();
  for (const finding of plan.active) folders.set(folderOf(finding.file), (folders.get(folderOf(finding.file)) ?? 0) + 1);
  const folderBars = [...folders.keys()].sort(compareStrings).map((folder) => ({ label: folder, count: folders.get(folder) ?? 0 }));

  return [
    '<section aria-labelledby="charts-heading"><h2 id="charts-heading">Findings at a glance</h2>',
    '<div class="charts">',
    renderBarChart('chart-provider', 'By provider', plan.byProvider.map((row) => ({ label: row.key, count: row.count }))),
    renderBarChart('chart-tier', 'By fix tier', plan.byFix.map((row) => ({ label: row.key, count: row.count }))),
    renderBarChart('chart-folder', 'By folder', folderBars),
    '</div></section>',
  ].join('\n');
}

function renderFindingsSection(plan: MigrationPlan, bodies: readonly string[]): string {
  if (plan.active.length === 0) {
    return '<section aria-labelledby="findings-heading"><h2 id="findings-heading">Findings</h2><p>No retired PIM API calls found.</p></section>';
  }
  return [
    '<section aria-labelledby="findings-heading"><h2 id="findings-heading">Findings</h2>',
    renderFilters(plan.active),
    `<p id="filter-status" role="status" aria-live="polite">${plan.active.length} findings</p>`,
    '<table class="findings">',
    '<thead><tr><th scope="col">Location</th><th scope="col">Rule</th><th scope="col">Provider</th><th scope="col">Fix tier</th>' +
      '<th scope="col">Confidence</th><th scope="col">Old call</th><th scope="col">Replacement</th></tr></thead>',
    ...bodies,
    '</table>',
    '<p id="no-match" hidden>No finding matches these filters.</p>',
    '</section>',
  ].join('\n');
}

/** The filter form; it stays hidden until the script runs, because it does nothing without it. */
function renderFilters(findings: readonly Finding[]): string {
  const distinct = (key: (finding: Finding) => string): string[] => [...new Set(findings.map(key))].sort(compareStrings);
  const select = (name: string, label: string, values: readonly string[], describe: (value: string) => string): string => {
    const options = values.map((value) => `<option value="${escapeHtml(value)}">${escapeHtml(describe(value))}</option>`);
    return `<label>${label}<select name="${name}" id="filter-${name}"><option value="">All</option>${options.join('')}</select></label>`;
  };
  const tierLabel = (tier: string): string => FIX_TIER_LABELS[tier as keyof typeof FIX_TIER_LABELS] ?? tier;

  return [
    '<form id="filters" class="filters" hidden aria-label="Filter findings">',
    select('rule', 'Rule', distinct((finding) => finding.ruleId), (value) => value),
    select('provider', 'Provider', distinct(providerKey), providerLabel),
    select('tier', 'Fix tier', distinct((finding) => finding.fix), tierLabel),
    '<label>Path contains<input type="search" name="path" id="filter-path" autocomplete="off"></label>',
    '<button type="reset">Clear filters</button>',
    '</form>',
  ].join('\n');
}
