import type { Finding, SkippedFile } from '../model/finding.js';

/**
 * Code-unit string order. `localeCompare` depends on the machine's locale and ICU data,
 * so reports sort with this to stay byte-identical across machines.
 */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Report order of findings: file, line, column, rule id, then the end of the span. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function sortSkipped(skipped: readonly SkippedFile[]): SkippedFile[] {
  return [...skipped].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.reason, b.reason));
}

/** Copies a count table with its keys in code-unit order, so JSON output is stable. */
export function sortCounts(counts: Record<string, number>): Record<string, number> {
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(counts).sort(compareStrings)) {
    sorted[key] = counts[key] ?? 0;
  }
  return sorted;
}
