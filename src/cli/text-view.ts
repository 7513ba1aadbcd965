import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { summarize } from '../scan.js';

/**
 * Builds the result the text report shows: without suppressed findings, because they do not
 * count, and with `--quiet` only the findings that fail the run. The summary is recounted.
 */
export function textViewOf(result: ScanResult, keep: (finding: Finding) => boolean): ScanResult {
  const findings = result.findings.filter((finding) => finding.suppression === undefined && keep(finding));
  const { summary } = result;
  return {
    ...result,
    findings,
    summary: summarize(summary.filesDiscovered, summary.filesWithoutSignature, summary.filesParsed, summary.filesSkipped, findings),
  };
}

/**
 * Returns the lines the text report adds after its summary: the count of suppressed findings and
 * the markers that suppressed nothing. The list is empty when there are neither.
 * NOTE: this belongs in the text reporter's summary (src/report/text-summary.ts); it is added
 * here until that file renders suppressions itself.
 */
export function suppressionLines(result: ScanResult): string[] {
  const inline = result.findings.filter((finding) => finding.suppression?.kind === 'inSource').length;
  const baseline = result.findings.filter((finding) => finding.suppression?.kind === 'external').length;
  const unused = result.unusedSuppressions ?? [];
  const lines: string[] = [];
  if (inline + baseline > 0) {
    lines.push('', `Suppressed findings: ${inline} by pim-migrate-ignore comments, ${baseline} by the baseline (not in the counts above)`);
  }
  if (unused.length > 0) {
    lines.push('', `Unused suppressions (${unused.length})`);
    for (const entry of unused) {
      lines.push(`  ${entry.file}:${entry.line}: ${entry.ruleId}: ${entry.reason}`);
    }
  }
  return lines;
}
