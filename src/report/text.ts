import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../discover/decode.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { createColors } from './colors.js';
import { splitLines } from './code-frame.js';
import { sortFindings } from './order.js';
import type { ReportContext, Reporter } from './reporter.js';
import { printable } from './terminal-text.js';
import { renderFinding } from './text-finding.js';
import { renderSummary } from './text-summary.js';
import { redactScanResult } from './redact.js';

/** Columns the text report fits in, so it reads on a 100-column terminal. */
export const TEXT_REPORT_WIDTH = 100;

/** The report for people: findings grouped by file with code frames, then a summary. */
export const textReporter: Reporter = {
  format: 'text',
  render: renderTextReport,
};

function renderTextReport(scanned: ScanResult, ctx: ReportContext): string {
  const result = redactScanResult(scanned);
  const colors = createColors(ctx.color);
  const readSource = ctx.readSource ?? readSourceFromDisk;
  const lines: string[] = [];

  for (const [file, findings] of groupByFile(sortFindings(result.findings))) {
    const source = readSource(join(result.root, file));
    const sourceLines = source === null ? null : splitLines(source);

    lines.push(colors.bold(colors.underline(printable(file))));
    for (const finding of findings) {
      lines.push(...renderFinding(finding, { colors, sourceLines, width: TEXT_REPORT_WIDTH }), '');
    }
  }

  if (result.findings.length === 0) {
    lines.push('No retired PIM API calls found.', '');
  }
  lines.push(...renderSummary(result, colors, TEXT_REPORT_WIDTH));
  return `${lines.join('\n')}\n`;
}

/** Groups sorted findings by file, keeping the order. */
function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file) ?? [];
    group.push(finding);
    groups.set(finding.file, group);
  }
  return groups;
}

/** Reads a file with the scan's own decoding (BOM, UTF-16), so line and column numbers agree. */
function readSourceFromDisk(absolutePath: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch {
    // The file may have moved or lost its permissions since the scan; the frame is optional.
    return null;
  }
  const decoded = decodeText(bytes);
  return 'text' in decoded ? decoded.text : null;
}
