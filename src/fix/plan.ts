import { findingTier } from '../match/fix-tier.js';
import type { Finding, ReplacementOut } from '../model/finding.js';
import type { RuleTable } from '../rules/load.js';
import type { ProviderId, Rule } from '../rules/schema.js';

export type FixTierOption = 'safe' | 'suggestion';

/** A finding that a language fixer may try, with the tier of the fix and what it needs. */
export interface FixPlan {
  finding: Finding;
  rule: Rule;
  provider: ProviderId;
  replacement: ReplacementOut;
  /** `safe` only when the rule allows it and nothing in the new call needs a person's check. */
  tier: FixTierOption;
  /** The reason the fix is a suggestion, for the summary; absent for safe fixes. */
  review?: string;
  /** Body field mapping of the rule for this provider (empty when the rule has none). */
  body: NonNullable<NonNullable<Rule['providers'][ProviderId]>['body']>;
}

export type PlanResult = { plan: FixPlan } | { reason: string };

/**
 * Decides whether a finding can be fixed at all, before any language fixer looks at the code:
 * the rule's tier is the ceiling, and the evidence must select exactly one Graph replacement
 * for a known provider.
 */
export function planFinding(finding: Finding, table: RuleTable): PlanResult {
  const rule = table.rules.find((candidate) => candidate.id === finding.ruleId);
  if (!rule) {
    return { reason: `rule ${finding.ruleId} is not in the rule table` };
  }
  if (finding.inComment) {
    return { reason: 'the call is in a comment or documentation; edit the text by hand if it should change' };
  }
  if (rule.fix === 'manual') {
    return { reason: `no mechanical fix: ${finding.notes[0] ?? 'see pim-migrate explain ' + rule.id}` };
  }
  if (finding.provider === null) {
    return { reason: 'the provider (aadRoles, azureResources or aadGroups) is not written in the code; migrate each provider\'s call by hand' };
  }
  if (finding.replacements.length === 0) {
    return { reason: `${finding.provider} has no iteration 3 equivalent for this call: ${finding.notes[0] ?? 'see the notes'}` };
  }
  if (!finding.exact) {
    const open = finding.replacements.map((replacement) => replacement.when).filter((when): when is string => when !== undefined);
    if (open.length > 0) {
      return { reason: `${finding.replacements.length} replacements and the code does not show which applies (${open.join('; or ')}); write the literal values or choose the call by hand` };
    }
    // No body or filter value decides, for example when an old id names an eligibility or an assignment.
    const calls = finding.replacements.map((replacement) => `${replacement.method} ${replacement.path}`).join('; ');
    return { reason: `${finding.replacements.length} iteration 3 calls replace it (${calls}); use the one that matches the old object, or combine them as the notes say, by hand` };
  }
  const replacement = finding.replacements[0]!;
  if (replacement.api !== 'graph' && finding.language === 'powershell' && finding.family.startsWith('cmdlet-') && replacement.cmdlet) {
    // Az.Resources cmdlets build the ARM URL and token themselves, but iteration 2 resource and role
    // definition ids are not ARM ids, so a person checks every such fix: never `safe`.
    const review = 'iteration 2 resource ids are not ARM scopes, and its role definition ids are not ARM role definition ids';
    return { plan: { finding, rule, provider: finding.provider, replacement, tier: 'suggestion', review, body: rule.providers[finding.provider]?.body ?? [] } };
  }
  if (replacement.api !== 'graph') {
    return {
      reason: 'Azure resources move to Azure Resource Manager: a new host and token audience, the scope from the old resource\'s externalId and a new request name; rewrite the call by hand (see the replacement URL)',
    };
  }
  if (replacement.version !== 'v1.0') {
    return { reason: `the replacement is on Graph ${replacement.version ?? 'beta'}, not v1.0; change the call by hand and keep the beta version` };
  }
  return { plan: { finding, rule, provider: finding.provider, replacement, ...tierOf(rule, finding), body: rule.providers[finding.provider]?.body ?? [] } };
}

/** Returns the finding's tier under its rule's ceiling (`manual` rules never reach a fixer). */
function tierOf(rule: Rule, finding: Finding): { tier: FixTierOption; review?: string } {
  const verdict = findingTier(rule.fix, finding);
  return verdict.tier === 'safe' ? { tier: 'safe' } : { tier: 'suggestion', review: verdict.because };
}

/** True when `tier` is allowed by the `--tier` option (suggestion includes safe). */
export function tierAllowed(tier: FixTierOption, option: FixTierOption): boolean {
  return option === 'suggestion' || tier === 'safe';
}
