import type { FileWarning, Finding, ReplacementOut, SkippedFile, UnusedSuppression } from '../model/finding.js';
import type { ScanResult, ScanSummary } from '../model/scan-result.js';
import { sortCounts, sortFindings, sortSkipped } from './order.js';
import type { ReportContext, Reporter } from './reporter.js';
import { redactScanResult } from './redact.js';

/** Version of the JSON report layout; `schemas/report.schema.json` fixes it as a const. */
export const JSON_REPORT_SCHEMA_VERSION = 1;

export interface JsonReport {
  schemaVersion: typeof JSON_REPORT_SCHEMA_VERSION;
  tool: { name: 'pim-migrate'; version: string };
  root: string;
  findings: Finding[];
  skipped: SkippedFile[];
  warnings: FileWarning[];
  unusedSuppressions: UnusedSuppression[];
  summary: ScanSummary;
}

/**
 * Keys of a finding in output order. The type check below fails when `Finding` gains a field
 * that is not listed, so the JSON report never drops a field silently.
 */
export const FINDING_KEYS = [
  'ruleId',
  'title',
  'file',
  'line',
  'column',
  'endLine',
  'endColumn',
  'language',
  'family',
  'operation',
  'provider',
  'cloud',
  'replacements',
  'exact',
  'fix',
  'confidence',
  'severity',
  'inComment',
  'suppression',
  'message',
  'notes',
  'permissions',
  'retired',
  'docs',
  'matchedText',
  'source',
  'seenAtRuntime',
] as const satisfies ReadonlyArray<keyof Finding>;

export const REPLACEMENT_KEYS = [
  'api',
  'method',
  'path',
  'version',
  'apiVersion',
  'url',
  'when',
  'condition',
  'action',
  'cmdlet',
  'notes',
] as const satisfies ReadonlyArray<keyof ReplacementOut>;

type Unlisted<T, K> = Exclude<keyof T, K>;
// Each line fails to compile while its list misses a field of the type.
const findingKeysComplete: Unlisted<Finding, (typeof FINDING_KEYS)[number]> extends never ? true : never = true;
const replacementKeysComplete: Unlisted<ReplacementOut, (typeof REPLACEMENT_KEYS)[number]> extends never ? true : never = true;
void findingKeysComplete;
void replacementKeysComplete;

/** Copies the listed keys in order, leaving out optional fields that are absent. */
function pick<T extends object>(source: T, keys: ReadonlyArray<keyof T>): T {
  const copy: Partial<T> = {};
  for (const key of keys) {
    if (source[key] !== undefined) copy[key] = source[key];
  }
  return copy as T;
}

function serialiseFinding(finding: Finding): Finding {
  const copy = pick(finding, FINDING_KEYS);
  copy.operation = { method: finding.operation.method, path: finding.operation.path };
  copy.replacements = finding.replacements.map((replacement) => pick(replacement, REPLACEMENT_KEYS));
  return copy;
}

/** Builds the JSON report object: stable order of findings, skipped files and count tables. */
export function buildJsonReport(result: ScanResult, toolVersion: string): JsonReport {
  const { summary } = result;
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: { name: 'pim-migrate', version: toolVersion },
    root: result.root,
    findings: sortFindings(result.findings).map(serialiseFinding),
    skipped: sortSkipped(result.skipped).map((entry) => ({ file: entry.file, reason: entry.reason })),
    warnings: [...(result.warnings ?? [])].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((entry) => ({ file: entry.file, message: entry.message })),
    unusedSuppressions: [...(result.unusedSuppressions ?? [])]
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.ruleId.localeCompare(b.ruleId)))
      .map((entry) => ({ file: entry.file, line: entry.line, ruleId: entry.ruleId, reason: entry.reason })),
    summary: {
      filesDiscovered: summary.filesDiscovered,
      filesWithoutSignature: summary.filesWithoutSignature,
      filesParsed: summary.filesParsed,
      filesSkipped: summary.filesSkipped,
      findings: summary.findings,
      byProvider: sortCounts(summary.byProvider),
      byFix: sortCounts(summary.byFix),
      byFamily: sortCounts(summary.byFamily),
      byRule: sortCounts(summary.byRule),
      inComments: summary.inComments,
    },
  };
}

/** The machine-readable report, pretty-printed with 2 spaces and a final newline. */
export const jsonReporter: Reporter = {
  format: 'json',
  render(result: ScanResult, ctx: ReportContext): string {
    return `${JSON.stringify(buildJsonReport(redactScanResult(result), ctx.toolVersion), null, 2)}\n`;
  },
};
