import type { ScanResult } from '../model/scan-result.js';
import { renderChecklist, renderDocs, renderSkipped, renderSuppressed } from './markdown-checklist.js';
import { renderBodyMappings, renderEffort, renderPermissions, renderTotals } from './markdown-tables.js';
import { buildMigrationPlan, collectBodyMappings, formatHours, type MigrationPlan } from './plan.js';
import type { ReportContext, Reporter } from './reporter.js';
import { redactScanResult } from './redact.js';

/**
 * The migration plan as GitHub-flavoured Markdown, to paste into a pull request or issue.
 * Every scanned string goes through `markdown-escape.ts`.
 */
export const markdownReporter: Reporter = {
  format: 'markdown',
  render: renderMarkdownReport,
};

function renderMarkdownReport(scanned: ScanResult, ctx: ReportContext): string {
  const result = redactScanResult(scanned);
  const plan = buildMigrationPlan(result);
  const lines: string[] = ['# PIM API migration plan', '', renderSummaryParagraph(result, plan, ctx.toolVersion), ''];

  lines.push(...renderTotals(plan));
  lines.push(...renderPermissions(plan.permissions));
  lines.push(...renderEffort(plan.effort));
  lines.push(...renderChecklist(plan.active, ctx.rules));
  lines.push(...renderBodyMappings(collectBodyMappings(plan.active, ctx.rules)));
  lines.push(...renderDocs(plan.active));
  lines.push(...renderSuppressed(plan.suppressed));
  lines.push(...renderSkipped(result.skipped));

  // One final newline, whatever the last section was.
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderSummaryParagraph(result: ScanResult, plan: MigrationPlan, toolVersion: string): string {
  const { summary } = result;
  const scannedFiles = summary.filesDiscovered - summary.filesSkipped;
  const scanned = `pim-migrate ${toolVersion} scanned ${scannedFiles} ${plural(scannedFiles, 'file')}`;
  const skipped = summary.filesSkipped > 0 ? `, skipped ${summary.filesSkipped}` : '';
  const suppressed = plan.suppressed.length > 0 ? ` ${plan.suppressed.length} more ${plural(plan.suppressed.length, 'finding is', 'findings are')} suppressed.` : '';

  if (plan.active.length === 0) {
    return `${scanned}${skipped} and found no call to the retired PIM iteration 1 or iteration 2 APIs.${suppressed}`;
  }

  const inComments = plan.active.filter((finding) => finding.inComment).length;
  const commentNote = inComments > 0 ? ` (${inComments} in comments or documentation)` : '';
  const retired = [...new Set(plan.active.map((finding) => finding.retired))].sort();
  return (
    `${scanned}${skipped} and found ${plan.active.length} ${plural(plan.active.length, 'use')} of the retired PIM iteration 1 and iteration 2 APIs` +
    ` in ${plan.files} ${plural(plan.files, 'file')}${commentNote}. These APIs stopped returning data on ${retired.join(' or ')}.` +
    ` Each use below maps to its iteration 3 replacement in Microsoft Graph or Azure Resource Manager;` +
    ` the estimated effort is ${formatHours(plan.effort.minutes)}.${suppressed}`
  );
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}
