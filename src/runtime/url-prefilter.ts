import type { Rule } from '../rules/schema.js';
import { minimalSignatures } from '../rules/signatures.js';

/**
 * Lower-case words that the URL of every retired operation of the built-in rules contains: the
 * first literal segment of each path template, shortened by `minimalSignatures`. The guard needs
 * them before the rule table is loaded, which is why they are written here;
 * `test/runtime/url-prefilter.test.ts` fails when a built-in rule gains a path root they miss.
 */
export const BUILTIN_URL_SIGNATURES: readonly string[] = [
  'governanceresources',
  'governanceroleassignmentrequests',
  'governanceroleassignments',
  'governanceroledefinitions',
  'governancerolesettings',
  'governancesubjects',
  'privilegedaccess',
  'privilegedapproval',
  'privilegedoperationevents',
  'privilegedroleassignmentrequests',
  'privilegedroleassignments',
  'privilegedroles',
  'privilegedsecurityalerts',
  'privilegedsignupstatus',
];

/** The first literal segment of every path template of the rules, lower case and shortened. */
export function urlSignaturesOf(rules: readonly Rule[]): string[] {
  const roots = new Set<string>();
  for (const rule of rules) {
    for (const template of rule.operation.paths) {
      const first = template.split('/').find((segment) => segment.length > 0 && !segment.startsWith('{') && segment !== '**');
      if (first) roots.add(first.toLowerCase());
    }
  }
  return minimalSignatures([...roots]);
}

/**
 * The check every request pays: does the URL contain a signature word, ignoring case? Costs one
 * `toLowerCase` of the URL and one `includes` per word.
 * NOTE: a URL that percent-encodes a letter of the path root (`privileged%41ccess`) passes unseen.
 */
export class UrlPrefilter {
  private readonly words: readonly string[];

  constructor(signatures: readonly string[]) {
    this.words = minimalSignatures(signatures.map((word) => word.toLowerCase()));
  }

  matches(url: string): boolean {
    const lower = url.toLowerCase();
    for (const word of this.words) {
      if (lower.includes(word)) return true;
    }
    return false;
  }
}
