import type { Rule } from './schema.js';

/**
 * Lower-case words that any use of an old operation must contain: the first literal segment of
 * every path template (`privilegedaccess`), its snake_case spelling for SDKs
 * (`privileged_access`), and the noun of every cmdlet (`azureadmsprivilegedroleassignment`).
 * A file without one of them cannot hold a finding, so it is never decoded or parsed.
 */
export function compileSignatures(rules: readonly Rule[]): string[] {
  const words = new Set<string>();
  for (const rule of rules) {
    for (const template of rule.operation.paths) {
      const first = template.split('/').find((segment) => segment.length > 0 && !segment.startsWith('{') && segment !== '**');
      if (first) {
        words.add(first.toLowerCase());
        words.add(first.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
      }
    }
    for (const cmdlet of rule.operation.cmdlets ?? []) {
      words.add(cmdlet.slice(cmdlet.indexOf('-') + 1).toLowerCase());
    }
  }
  return [...words].sort();
}

/**
 * Return the smallest set of words that finds the same files: a word that contains another
 * (privilegedroleassignments contains privilegedrole...) adds nothing to a substring search.
 * Extractors need the full list, because they compare whole segments.
 */
export function minimalSignatures(words: readonly string[]): string[] {
  const sorted = [...new Set(words)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return sorted.filter((word, index) => !sorted.slice(0, index).some((shorter) => word.includes(shorter)));
}
