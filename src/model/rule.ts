/**
 * The rule table as code sees it, after `src/rules/load.ts` has validated the YAML.
 * The field documentation lives in `src/rules/schema.ts`.
 */
export type { Rule, RuleFile, ReplacementSpec, ProviderId, FixTier, RuleNote, CloudSpec, HostsFile } from '../rules/schema.js';
