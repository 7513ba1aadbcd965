import pc from 'picocolors';
import type { Finding } from '../model/finding.js';
import type { CaseResult, CaseStatus, Evaluation, UseResult } from './evaluate.js';
import { normalizeLabelPath } from './expected.js';

type Colors = ReturnType<typeof pc.createColors>;

const SYMBOL: Record<CaseStatus, string> = { pass: '✔', fail: '✘', pending: '○', 'now passes': '!' };

/** Render the acceptance report as lines: one per case, indented details for failures and warnings, then totals. */
export function formatEvaluation(evaluation: Evaluation, color: boolean): string[] {
  const colors = pc.createColors(color);
  const lines: string[] = [];
  for (const result of evaluation.cases) {
    lines.push(caseLine(result, colors));
    lines.push(...detailLines(result, colors));
  }
  for (const stale of evaluation.stalePending) {
    lines.push(`${colors.red('✘')} ${stale.name}  ${colors.red('pending entry names no case in the labels: remove it from the pending list')} (line ${stale.line})`);
  }

  const { totals } = evaluation;
  const counts = evaluation.cases.reduce<Record<CaseStatus, number>>(
    (sum, result) => ({ ...sum, [result.status]: sum[result.status] + 1 }),
    { pass: 0, fail: 0, pending: 0, 'now passes': 0 },
  );
  lines.push('');
  lines.push(
    `validated ${totals.validated}, missing ${totals.missing}, wrong replacement ${totals.wrongReplacement}, ` +
      `unexpected ${totals.unexpected}, comments ${totals.comments}`,
  );
  lines.push(`cases: ${counts.pass} passed, ${counts.fail} failed, ${counts.pending} pending, ${counts['now passes']} now pass`);
  lines.push(evaluation.failed ? colors.red('acceptance: FAILED') : colors.green('acceptance: passed'));
  return lines;
}

function caseLine(result: CaseResult, colors: Colors): string {
  const paint = { pass: colors.green, fail: colors.red, pending: colors.yellow, 'now passes': colors.red }[result.status];
  const outcomes = result.uses.map((use) => `${use.outcome} :${use.label.line}`);
  if (result.unexpected.length > 0) {
    outcomes.push(`unexpected ${result.unexpected.length}`);
  } else if (result.noneFiles.length > 0) {
    outcomes.push(`no finding in ${result.noneFiles.length === 1 ? 'the none file' : `${result.noneFiles.length} none files`}`);
  }
  let line = `${paint(SYMBOL[result.status])} ${result.name}  ${outcomes.join(', ')}`;
  if (result.status === 'pending') {
    line += colors.yellow(`  pending: ${result.pendingReason ?? ''}`);
  } else if (result.status === 'now passes') {
    line += colors.red('  now passes: remove it from the pending list');
  }
  return line;
}

function detailLines(result: CaseResult, colors: Colors): string[] {
  const lines: string[] = [];
  for (const use of result.uses) {
    const failed = use.outcome === 'missing' || use.outcome === 'wrong replacement';
    if (failed) {
      lines.push(`    ${useHeading(use)}`);
      if (use.seen.length === 0) {
        const other = use.otherLines.length > 0 ? ` (findings in the file at lines ${use.otherLines.join(', ')})` : ' (no finding in the file)';
        lines.push(`      no finding at this line${other}`);
      }
      for (const finding of use.seen) {
        lines.push(`      seen ${describeFinding(finding)}`);
      }
    }
    for (const warning of use.warnings) {
      lines.push(`    ${colors.yellow('warning')} ${use.label.file}:${use.label.line} ${warning}`);
    }
  }
  for (const { finding } of result.unexpected) {
    lines.push(`    unexpected ${finding.file}:${finding.line} ${describeFinding(finding)}`);
  }
  return lines;
}

function useHeading(use: UseResult): string {
  const { label } = use;
  const want = label.exact ? `exactly one replacement containing ${label.target}` : `a replacement containing ${label.target}`;
  return `${use.outcome} ${label.file}:${label.line} ${label.method ?? '(no method)'} ${normalizeLabelPath(label.path)}, expected ${want}`;
}

function describeFinding(finding: Finding): string {
  const paths = finding.replacements.map((replacement) => replacement.path);
  const proposed = paths.length > 0 ? paths.join(', ') : '(no replacement)';
  return `${finding.ruleId} [${finding.operation.method ?? 'no method'} ${finding.operation.path}] -> ${proposed}`;
}
