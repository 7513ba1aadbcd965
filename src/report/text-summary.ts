import type { SkippedFile } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import type { Colors } from './colors.js';
import { compareStrings, sortSkipped } from './order.js';
import { printable, wrapText } from './terminal-text.js';

/** Files listed under each skip reason before the rest are counted as "and N more". */
export const MAX_SKIPPED_LISTED = 20;

/**
 * Splits a skip reason into the part shared by a group (`larger than --max-file-size`) and the
 * per-file detail (`6000000 > 5242880 bytes`). Discovery writes reasons as `kind (detail)` or
 * `kind: detail`.
 * NOTE: a reason in any other shape forms its own group, so differing details split groups.
 */
export function splitSkipReason(reason: string): { kind: string; detail: string | null } {
  const match = /^(.*?)(?: \((.*)\)|: (.*))$/s.exec(reason);
  if (!match || !match[1]) return { kind: reason, detail: null };
  return { kind: match[1], detail: match[2] ?? match[3] ?? null };
}

export function renderSummary(result: ScanResult, colors: Colors, width: number): string[] {
  const { summary } = result;
  const filesWithFindings = new Set(result.findings.map((finding) => finding.file)).size;
  const lines: string[] = [colors.bold('Summary')];

  lines.push(
    `  files: ${summary.filesDiscovered} discovered, ${summary.filesWithoutSignature} without a signature, ${summary.filesParsed} parsed, ${summary.filesSkipped} skipped`,
  );
  const inComments = summary.inComments > 0 ? ` (${summary.inComments} in comments)` : '';
  lines.push(`  findings: ${summary.findings} in ${filesWithFindings} ${filesWithFindings === 1 ? 'file' : 'files'}${inComments}`);

  if (summary.findings > 0) {
    lines.push(...renderCounts('by provider', summary.byProvider, width));
    lines.push(...renderCounts('by fix tier', summary.byFix, width));
    lines.push(...renderCounts('by family', summary.byFamily, width));
  }

  if (result.skipped.length > 0) {
    lines.push('', ...renderSkipped(result.skipped, colors));
  }
  const warnings = result.warnings ?? [];
  if (warnings.length > 0) {
    lines.push('', colors.bold(`Warnings (${warnings.length})`));
    for (const warning of warnings) {
      lines.push(`  ${printable(warning.file)}: ${printable(warning.message)}`);
    }
  }
  return lines;
}

function renderCounts(label: string, counts: Record<string, number>, width: number): string[] {
  const entries = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([key, count]) => `${printable(key)} ${count},`);
  if (entries.length === 0) return [];

  const last = entries.length - 1;
  entries[last] = (entries[last] ?? '').replace(/,$/, '');
  return wrapText(entries.join(' '), width, '    ', `  ${label}: `);
}

function renderSkipped(skipped: readonly SkippedFile[], colors: Colors): string[] {
  const groups = new Map<string, Array<{ file: string; detail: string | null }>>();
  for (const entry of sortSkipped(skipped)) {
    const { kind, detail } = splitSkipReason(entry.reason);
    const group = groups.get(kind) ?? [];
    group.push({ file: entry.file, detail });
    groups.set(kind, group);
  }

  const lines: string[] = [colors.bold(`Skipped files (${skipped.length})`)];
  for (const kind of [...groups.keys()].sort(compareStrings)) {
    const files = groups.get(kind) ?? [];
    lines.push(`  ${printable(kind)}: ${files.length}`);
    for (const { file, detail } of files.slice(0, MAX_SKIPPED_LISTED)) {
      const suffix = detail ? colors.dim(` (${printable(detail)})`) : '';
      lines.push(`    ${printable(file)}${suffix}`);
    }
    if (files.length > MAX_SKIPPED_LISTED) {
      lines.push(`    and ${files.length - MAX_SKIPPED_LISTED} more`);
    }
  }
  return lines;
}
