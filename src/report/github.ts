import type { Finding, Severity } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { sortFindings } from './order.js';
import type { ReportContext, Reporter } from './reporter.js';
import { findRepositoryRoot, repositoryRelativePath } from './sarif-location.js';
import { describeFindingWithReplacements } from './sarif-message.js';
import { redactScanResult } from './redact.js';

/** Workflow command of each finding severity. */
const COMMAND: Readonly<Record<Severity, string>> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

/**
 * Escapes the message of a workflow command as `@actions/core` does (`toCommandValue` and
 * `escapeData`): `%` first, so that the runner's unescaping cannot turn `%0A` in the text into
 * a line break, then CR and LF, which would end the command.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=`, `title=`): as data, plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Builds one workflow command. Property values and the message are escaped here, so the
 * caller passes plain text.
 */
export function workflowCommand(command: string, properties: ReadonlyArray<readonly [string, string | number]>, message: string): string {
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

/**
 * GitHub Actions annotations: one workflow command per finding that is not suppressed, a notice
 * per skipped file with the reason, then a notice with the counts. The runner turns each line on stdout into an annotation on the file
 * and line.
 */
export const githubReporter: Reporter = {
  format: 'github',
  render(scanned: ScanResult, _ctx: ReportContext): string {
    const result = redactScanResult(scanned);
    const repositoryRoot = findRepositoryRoot(result.root);
    const lines: string[] = [];
    const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
    let suppressed = 0;

    for (const finding of sortFindings(result.findings)) {
      if (finding.suppression) {
        suppressed++;
        continue;
      }
      counts[finding.severity]++;
      lines.push(annotate(finding, repositoryRelativePath(result.root, repositoryRoot, finding.file)));
    }

    // A skipped file was never checked, so the run names each one where the reader sees findings.
    for (const entry of result.skipped) {
      lines.push(workflowCommand('notice', [['file', repositoryRelativePath(result.root, repositoryRoot, entry.file)], ['title', 'pim-migrate skipped this file']], entry.reason));
    }
    lines.push(workflowCommand('notice', [['title', 'pim-migrate']], summarise(counts, suppressed, result.skipped.length)));
    return `${lines.join('\n')}\n`;
  },
};

function annotate(finding: Finding, file: string): string {
  const properties: Array<[string, string | number]> = [
    ['file', file],
    ['line', finding.line],
    ['col', finding.column],
    ['endLine', finding.endLine],
    ['endColumn', finding.endColumn],
    ['title', finding.ruleId],
  ];
  return workflowCommand(COMMAND[finding.severity], properties, describeFindingWithReplacements(finding));
}

function summarise(counts: Record<Severity, number>, suppressed: number, skipped: number): string {
  const total = counts.error + counts.warning + counts.note;
  const noun = total === 1 ? 'call' : 'calls';
  return (
    `pim-migrate found ${total} retired PIM API ${noun} (error: ${counts.error}, warning: ${counts.warning}, notice: ${counts.note}); ` +
    `suppressed: ${suppressed}; skipped files: ${skipped}.`
  );
}
