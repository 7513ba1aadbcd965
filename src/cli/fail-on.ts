import type { Finding } from '../model/finding.js';
import { usageError } from '../errors.js';

/**
 * Thresholds of `--fail-on`. Each names which unsuppressed findings make the run exit 1:
 * - a fix tier fails on findings of that tier or an easier one (safe < suggestion < manual), so
 *   `safe` blocks only on findings with a mechanical fix and `manual` on every finding;
 * - a confidence fails on findings at that confidence or higher (low < medium < high);
 * - a severity fails on findings at that severity or higher (note < warning < error);
 * - `none` never fails on findings.
 */
export const FAIL_ON_VALUES = ['safe', 'suggestion', 'manual', 'high', 'medium', 'low', 'error', 'warning', 'note', 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

const TIER_RANK = { safe: 0, suggestion: 1, manual: 2 } as const;
const CONFIDENCE_RANK = { low: 0, medium: 1, high: 2 } as const;
const SEVERITY_RANK = { note: 0, warning: 1, error: 2 } as const;

export const FAIL_ON_HELP =
  'which findings make the run exit 1: a fix tier (safe, suggestion, manual: that tier or an easier one), ' +
  'a confidence (high, medium, low: that confidence or higher), a severity (error, warning, note: that severity or higher), ' +
  'or none (default: every unsuppressed finding)';

export function parseFailOn(value: string, source = '--fail-on'): FailOn {
  const found = FAIL_ON_VALUES.find((candidate) => candidate === value.toLowerCase());
  if (!found) {
    throw usageError(`invalid ${source} value "${value}"`, `Use one of: ${FAIL_ON_VALUES.join(', ')}.`);
  }
  return found;
}

/**
 * Returns whether a finding makes the run fail. Suppressed findings (inline comment or baseline)
 * never do. Without a threshold every other finding does.
 */
export function isFailing(finding: Finding, failOn: FailOn | undefined): boolean {
  if (finding.suppression) return false;
  if (failOn === undefined) return true;
  if (failOn === 'none') return false;
  if (failOn in TIER_RANK) return TIER_RANK[finding.fix] <= TIER_RANK[failOn as keyof typeof TIER_RANK];
  if (failOn in CONFIDENCE_RANK) return CONFIDENCE_RANK[finding.confidence] >= CONFIDENCE_RANK[failOn as keyof typeof CONFIDENCE_RANK];
  return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn as keyof typeof SEVERITY_RANK];
}
