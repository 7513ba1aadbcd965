import { usageError } from '../errors.js';
import type { Finding } from '../model/finding.js';
import { closestIds } from './closest-ids.js';
import type { RuleSetting, SeverityDefaults } from './schema.js';

/**
 * Applies the config's rule settings and severity defaults: drops the findings of rules set to
 * `off` and sets severities. Precedence, most specific first: the rule's own `severity`, the
 * fix-tier default, the confidence default, the matcher's severity.
 */
export function applyRuleSettings(findings: readonly Finding[], settings: Record<string, RuleSetting> = {}, defaults: SeverityDefaults = {}): Finding[] {
  const kept: Finding[] = [];
  for (const finding of findings) {
    const setting = settings[finding.ruleId];
    if (setting === 'off') continue;
    const severity =
      (typeof setting === 'object' ? setting.severity : undefined) ??
      defaults.fix?.[finding.fix] ??
      defaults.confidence?.[finding.confidence] ??
      finding.severity;
    kept.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return kept;
}

/** Rejects rule settings for ids the rule table does not have (library callers; the CLI reports the config line). */
export function checkRuleSettingIds(settings: Record<string, RuleSetting>, knownIds: readonly string[]): void {
  const known = new Set(knownIds);
  for (const id of Object.keys(settings)) {
    if (!known.has(id)) {
      throw usageError(`unknown rule id "${id}" in the rule settings`, `Use a rule id of the rule table, such as ${closestIds(id, knownIds).join(', ')}.`);
    }
  }
}
