import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { sortFindings } from './order.js';
import type { ReportContext, Reporter } from './reporter.js';
import { redactScanResult } from './redact.js';

/** Byte order mark, so that Excel reads the file as UTF-8 instead of the system code page. */
const BOM = '\uFEFF';
/** RFC 4180 line end. */
const CRLF = '\r\n';
/** Separator of several values in one field. */
const LIST_SEPARATOR = ' | ';

/** Column headings and how each column reads a finding, in output order. */
const COLUMNS: ReadonlyArray<readonly [string, (finding: Finding) => string]> = [
  ['file', (finding) => finding.file],
  ['line', (finding) => String(finding.line)],
  ['column', (finding) => String(finding.column)],
  ['rule id', (finding) => finding.ruleId],
  ['title', (finding) => finding.title],
  ['provider', (finding) => finding.provider ?? 'dynamic'],
  ['family', (finding) => finding.family],
  ['fix tier', (finding) => finding.fix],
  ['confidence', (finding) => finding.confidence],
  ['severity', (finding) => finding.severity],
  ['old method', (finding) => finding.operation.method ?? ''],
  ['old path', (finding) => finding.operation.path],
  ['replacements', (finding) => finding.replacements.map((r) => `${r.method} ${r.url}${r.when ? ` (when ${r.when})` : ''}`).join(LIST_SEPARATOR)],
  ['actions', (finding) => listOf(finding.replacements.map((r) => r.action))],
  ['cmdlets', (finding) => listOf(finding.replacements.map((r) => r.cmdlet))],
  ['permissions from', (finding) => finding.permissions?.from.join(LIST_SEPARATOR) ?? ''],
  ['permissions to', (finding) => finding.permissions?.to.join(LIST_SEPARATOR) ?? ''],
  ['suppressed', (finding) => (finding.suppression ? 'yes' : 'no')],
  ['suppression justification', (finding) => finding.suppression?.justification ?? ''],
  ['message', (finding) => finding.message],
  ['docs', (finding) => finding.docs],
];

/** Last column: empty on a finding's row, the reason on the row of a file the scan skipped. */
const SKIPPED_HEADING = 'skipped reason';

/** Joins the values that are present, once each, in order. */
function listOf(values: ReadonlyArray<string | undefined>): string {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))].join(LIST_SEPARATOR);
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"): a
 * leading `'` makes Excel, LibreOffice and Google Sheets show the text instead.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a field when RFC 4180 needs it (comma, quote, CR or LF) and neutralises a formula. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The findings as a spreadsheet: RFC 4180 with CRLF line ends and a UTF-8 BOM, one row per finding, then one per skipped file. */
export const csvReporter: Reporter = {
  format: 'csv',
  render(result: ScanResult, _ctx: ReportContext): string {
    const redacted = redactScanResult(result);
    const rows = [[...COLUMNS.map(([heading]) => heading), SKIPPED_HEADING]];
    for (const finding of sortFindings(redacted.findings)) {
      rows.push([...COLUMNS.map(([, read]) => read(finding)), '']);
    }
    for (const entry of redacted.skipped) {
      rows.push([entry.file, ...COLUMNS.slice(1).map(() => ''), entry.reason]);
    }
    return BOM + rows.map((row) => row.map(csvField).join(',') + CRLF).join('');
  },
};
