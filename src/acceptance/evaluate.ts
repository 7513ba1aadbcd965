import type { Finding } from '../model/finding.js';
import { isNoneLabel, normalizeLabelPath, type Label, type NoneLabel, type UseLabel } from './expected.js';
import type { PendingCase } from './pending.js';

export type UseOutcome = 'validated' | 'wrong replacement' | 'missing' | 'comment (reported)' | 'comment (not reported)';

/** The outcome of one labelled use. */
export interface UseResult {
  label: UseLabel;
  outcome: UseOutcome;
  /** Findings in the labelled file at the labelled line. */
  seen: Finding[];
  /** Lines of the other findings in the same file, to spot a use reported one line off. */
  otherLines: number[];
  /** Family, method or path mismatches of the finding that was judged. They do not fail the case. */
  warnings: string[];
}

/** A finding in a file labelled `none: true`. */
export interface UnexpectedFinding {
  label: NoneLabel;
  finding: Finding;
}

export type CaseStatus = 'pass' | 'fail' | 'pending' | 'now passes';

export interface CaseResult {
  name: string;
  uses: UseResult[];
  noneFiles: NoneLabel[];
  unexpected: UnexpectedFinding[];
  /** Outcome before the pending list: true when no use is missing or wrong and nothing is unexpected. */
  passed: boolean;
  status: CaseStatus;
  pendingReason?: string;
}

export interface Totals {
  validated: number;
  missing: number;
  wrongReplacement: number;
  unexpected: number;
  /** Comment entries, reported or not, which never count as passed or failed. */
  comments: number;
}

export interface Evaluation {
  cases: CaseResult[];
  totals: Totals;
  /** Pending entries that name no case in the labels: stale, so they fail the run. */
  stalePending: { name: string; line: number }[];
  /** True when the run fails: a failing case not pending, a pending case that passes, or a stale entry. */
  failed: boolean;
}

/** Compare scan findings with the labels and apply the pending list. */
export function evaluate(labels: readonly Label[], findings: readonly Finding[], pending: ReadonlyMap<string, PendingCase>): Evaluation {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }

  const cases = new Map<string, CaseResult>();
  for (const label of labels) {
    let result = cases.get(label.case);
    if (!result) {
      result = { name: label.case, uses: [], noneFiles: [], unexpected: [], passed: true, status: 'pass' };
      cases.set(label.case, result);
    }
    const inFile = byFile.get(label.file) ?? [];
    if (isNoneLabel(label)) {
      result.noneFiles.push(label);
      result.unexpected.push(...inFile.map((finding) => ({ label, finding })));
    } else {
      result.uses.push(judgeUse(label, inFile));
    }
  }

  const totals: Totals = { validated: 0, missing: 0, wrongReplacement: 0, unexpected: 0, comments: 0 };
  for (const result of cases.values()) {
    for (const use of result.uses) {
      if (use.outcome === 'validated') totals.validated += 1;
      else if (use.outcome === 'missing') totals.missing += 1;
      else if (use.outcome === 'wrong replacement') totals.wrongReplacement += 1;
      else totals.comments += 1;
    }
    totals.unexpected += result.unexpected.length;

    result.passed = result.unexpected.length === 0 && result.uses.every((use) => use.outcome !== 'missing' && use.outcome !== 'wrong replacement');
    const entry = pending.get(result.name);
    if (entry) {
      result.pendingReason = entry.reason;
      result.status = result.passed ? 'now passes' : 'pending';
    } else {
      result.status = result.passed ? 'pass' : 'fail';
    }
  }

  const stalePending = [...pending].filter(([name]) => !cases.has(name)).map(([name, entry]) => ({ name, line: entry.line }));
  const list = [...cases.values()];
  const failed = stalePending.length > 0 || list.some((result) => result.status === 'fail' || result.status === 'now passes');
  return { cases: list, totals, stalePending, failed };
}

function judgeUse(label: UseLabel, inFile: readonly Finding[]): UseResult {
  const seen = inFile.filter((finding) => finding.line === label.line);
  const otherLines = [...new Set(inFile.filter((finding) => finding.line !== label.line).map((finding) => finding.line))];
  const proposes = (finding: Finding): boolean => {
    const matching = finding.replacements.filter((replacement) => replacement.path.includes(label.target));
    return label.exact ? finding.replacements.length === 1 && matching.length === 1 : matching.length > 0;
  };

  let outcome: UseOutcome;
  if (label.comment) {
    outcome = seen.length > 0 ? 'comment (reported)' : 'comment (not reported)';
  } else if (seen.length === 0) {
    outcome = 'missing';
  } else {
    outcome = seen.some(proposes) ? 'validated' : 'wrong replacement';
  }

  // Warnings describe the finding that was judged: the validating one when there is one.
  const judged = seen.find(proposes) ?? seen[0];
  const warnings = judged ? describeMismatches(label, judged) : [];
  return { label, outcome, seen, otherLines, warnings };
}

function describeMismatches(label: UseLabel, finding: Finding): string[] {
  const warnings: string[] = [];
  if (finding.family !== label.family) {
    warnings.push(`family ${finding.family}, label ${label.family}`);
  }
  if (finding.operation.method !== label.method) {
    warnings.push(`method ${finding.operation.method ?? 'null'}, label ${label.method ?? 'null'}`);
  }
  const expectedPath = normalizeLabelPath(label.path);
  if (finding.operation.path !== expectedPath) {
    warnings.push(`path ${finding.operation.path}, label ${expectedPath}`);
  }
  return warnings;
}
