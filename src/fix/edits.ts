import type { Finding } from '../model/finding.js';

/**
 * One text replacement in one file. Offsets index the decoded file text (UTF-16 code units,
 * 0-based, `end` exclusive), the same offsets the extractors and the matcher use.
 */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Result of a language fixer for one finding: every edit of the call, or the reason it cannot
 * fix it. `review` makes the fix a suggestion: the fixer found something in the surrounding code
 * a person must check, such as a read of the old response shape.
 */
export type FixAttempt = { edits: Edit[]; review?: string } | { reason: string };

/** How a finding ends up in a fix run. */
export type FixStatus =
  /** Edits were made (or would be, in a dry run). */
  | 'fixed'
  /** A fix exists but its tier is above `--tier`; rerun with `--tier suggestion` to apply it. */
  | 'suggested'
  /** Left for a person, with the reason. */
  | 'left';

export interface FixOutcome {
  finding: Finding;
  status: FixStatus;
  /** The tier of the fix that exists (`safe` or `suggestion`), for `fixed` and `suggested`. */
  tier?: 'safe' | 'suggestion';
  /** Why the finding was not fixed, written for the person who will change the code. */
  reason?: string;
  /** For a suggestion: what a person must check in the new call. */
  review?: string;
  edits: Edit[];
}

export function isRefusal(attempt: FixAttempt): attempt is { reason: string } {
  return 'reason' in attempt;
}

/** True when two edits touch the same text; edits that only meet at a boundary do not. */
export function overlaps(a: Edit, b: Edit): boolean {
  if (a.start === a.end || b.start === b.end) {
    return a.start < b.end && b.start < a.end && a.start !== b.start;
  }
  return a.start < b.end && b.start < a.end;
}
