import type { Finding, ReplacementOut } from '../model/finding.js';

/** Describes one replacement in one line: `POST https://... (when assignmentState is Active; action adminAssign)`. */
export function describeReplacement(replacement: ReplacementOut): string {
  const details: string[] = [];
  if (replacement.when) details.push(`when ${replacement.when}`);
  if (replacement.action) details.push(`action ${replacement.action}`);
  if (replacement.cmdlet) details.push(`cmdlet ${replacement.cmdlet}`);
  const suffix = details.length > 0 ? ` (${details.join('; ')})` : '';
  return `${replacement.method} ${replacement.url}${suffix}`;
}

/**
 * Builds the message of a finding for formats without room for a list: the finding's message,
 * then its replacement or numbered replacements. The finding's message refers to the calls
 * "below", and here they follow it directly.
 */
export function describeFindingWithReplacements(finding: Finding): string {
  const { replacements } = finding;
  if (replacements.length === 0) return finding.message;
  if (replacements.length === 1) return `${finding.message} Replacement: ${describeReplacement(replacements[0]!)}.`;
  const numbered = replacements.map((replacement, index) => `(${index + 1}) ${describeReplacement(replacement)}`);
  return `${finding.message} Replacements: ${numbered.join('; ')}.`;
}
