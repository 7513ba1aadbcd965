import type { FileWarning, Finding, UnusedSuppression } from '../model/finding.js';
import { closestIds } from '../config/closest-ids.js';
import { findMarkers } from './markers.js';

export interface SuppressionOutcome {
  unused: UnusedSuppression[];
  warnings: FileWarning[];
}

/**
 * Marks the findings of one file that a `pim-migrate-ignore` marker on their line, or on the line
 * above, names. Findings stay in the list with `suppression` set. Returns the markers that
 * suppressed nothing or name an unknown rule id, and warnings for markers without a reason.
 */
export function applyInlineSuppressions(file: string, text: string, findings: readonly Finding[], knownRuleIds: ReadonlySet<string>): SuppressionOutcome {
  const outcome: SuppressionOutcome = { unused: [], warnings: [] };
  const markers = findMarkers(text);

  for (const marker of markers) {
    if (marker.ruleIds.length === 0) {
      outcome.warnings.push({ file, message: `line ${marker.line}: pim-migrate-ignore names no rule id, so it suppresses nothing; write "pim-migrate-ignore <rule-id> -- <reason>"` });
      continue;
    }
    if (marker.reason === null) {
      outcome.warnings.push({ file, message: `line ${marker.line}: suppression without a reason; add " -- <reason>" after the rule id` });
    }

    for (const ruleId of marker.ruleIds) {
      if (!knownRuleIds.has(ruleId)) {
        const closest = closestIds(ruleId, [...knownRuleIds]).join(', ');
        outcome.unused.push({ file, line: marker.line, ruleId, reason: `unknown rule id (closest: ${closest})` });
        continue;
      }
      let used = false;
      for (const finding of findings) {
        const covered = finding.line === marker.line || finding.line === marker.line + 1;
        if (covered && finding.ruleId === ruleId) {
          // A finding keeps the first marker that covers it, so a second marker reads as unused.
          if (!finding.suppression) {
            finding.suppression = { kind: 'inSource', justification: marker.reason ?? '', line: marker.line };
            used = true;
          }
        }
      }
      if (!used) {
        outcome.unused.push({ file, line: marker.line, ruleId, reason: `no ${ruleId} finding on line ${marker.line} or ${marker.line + 1}` });
      }
    }
  }
  return outcome;
}
