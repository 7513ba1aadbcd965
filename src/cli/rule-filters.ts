import { usageError } from '../errors.js';
import type { RuleTable } from '../rules/load.js';
import { FIX_TIERS, PROVIDER_IDS, type Rule } from '../rules/schema.js';

export interface RuleFilterOptions {
  provider?: string;
  family?: string;
  tier?: string;
}

/** Families `--family` accepts: the two iterations and the cmdlet module families of the table. */
function familyNames(table: RuleTable): string[] {
  return ['iteration1', 'iteration2', ...table.cmdletFamilies.map((family) => family.family)];
}

/** Returns the rules that pass every given filter; an unknown filter value is a usage error. */
export function filterRules(table: RuleTable, options: RuleFilterOptions): Rule[] {
  const { provider, family, tier } = options;
  if (provider !== undefined && !PROVIDER_IDS.includes(provider as never)) {
    throw usageError(`unknown provider "${provider}"`, `Use --provider with one of: ${PROVIDER_IDS.join(', ')}.`);
  }
  if (tier !== undefined && !FIX_TIERS.includes(tier as never)) {
    throw usageError(`unknown fix tier "${tier}"`, `Use --tier with one of: ${FIX_TIERS.join(', ')}.`);
  }
  const families = familyNames(table);
  if (family !== undefined && !families.includes(family)) {
    throw usageError(`unknown family "${family}"`, `Use --family with one of: ${families.join(', ')}.`);
  }

  const cmdletFamily = table.cmdletFamilies.find((candidate) => candidate.family === family);
  const cmdletPattern = cmdletFamily ? new RegExp(cmdletFamily.pattern, 'i') : undefined;
  return table.rules.filter((rule) => {
    if (provider !== undefined && rule.providers[provider as keyof Rule['providers']] === undefined) return false;
    if (tier !== undefined && rule.fix !== tier) return false;
    if (family === 'iteration1' && rule.iteration !== 1) return false;
    if (family === 'iteration2' && rule.iteration !== 2) return false;
    if (cmdletPattern && !(rule.operation.cmdlets ?? []).some((name) => cmdletPattern.test(name))) return false;
    return true;
  });
}
