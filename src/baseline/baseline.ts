import { readFileSync } from 'node:fs';
import { usageError } from '../errors.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { BASELINE_VERSION, baselineFileSchema, type BaselineFile } from './format.js';
import { baselineEntries, entryKey } from './key.js';

const FIX_HELP = 'Write a new baseline with --baseline FILE --update-baseline, or remove --baseline.';

/** Reads and validates a baseline file; a missing or invalid file is a usage error with the fix. */
export function readBaseline(path: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(code === 'ENOENT' ? `baseline file not found: ${path}` : `cannot read the baseline file ${path}: ${code ?? String(error)}`, FIX_HELP);
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw usageError(`invalid baseline file ${path}: not JSON (${(error as Error).message})`, FIX_HELP);
  }
  const parsed = baselineFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
    throw usageError(`invalid baseline file ${path}: ${issue.message}${where}`, FIX_HELP);
  }
  return parsed.data;
}

/** Builds the baseline of a scan: every finding that is not suppressed in the source. */
export function buildBaseline(findings: readonly Finding[]): BaselineFile {
  const kept = findings.filter((finding) => finding.suppression === undefined);
  const entries = baselineEntries(kept).sort((a, b) => entryKey(a).localeCompare(entryKey(b)));
  return { version: BASELINE_VERSION, tool: 'pim-migrate', entries };
}

export function renderBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/**
 * Marks findings that the baseline lists as suppressed (`kind: 'external'`). Findings suppressed
 * in the source keep that suppression and are not matched, like `buildBaseline` leaves them out.
 * Returns a new result; the count of baseline matches is `matched`.
 */
export function applyBaseline(result: ScanResult, baseline: BaselineFile, baselinePath: string): { result: ScanResult; matched: number } {
  const accepted = new Set(baseline.entries.map(entryKey));
  const open = result.findings.filter((finding) => finding.suppression === undefined);
  const openEntries = baselineEntries(open);
  const inBaseline = new Set<Finding>(open.filter((_, index) => accepted.has(entryKey(openEntries[index]!))));

  const findings = result.findings.map((finding) =>
    inBaseline.has(finding) ? { ...finding, suppression: { kind: 'external' as const, justification: `baseline ${baselinePath}` } } : finding,
  );
  return { result: { ...result, findings }, matched: inBaseline.size };
}
