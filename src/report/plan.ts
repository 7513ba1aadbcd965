import type { Confidence } from '../model/call-site.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import type { RuleTable } from '../rules/load.js';
import type { FixTier, ProviderId } from '../rules/schema.js';
import { compareStrings, sortFindings } from './order.js';

/**
 * Aggregates of a scan that the migration plan formats (Markdown, HTML) share: totals,
 * permission scopes, an effort estimate and the rule guidance of each finding.
 * Suppressed findings are left out of every total and listed on their own.
 */

/** Key of a finding whose provider the code leaves dynamic. The scan summary uses the same key. */
export const DYNAMIC_PROVIDER = 'dynamic';

export const PROVIDER_LABELS: Readonly<Record<string, string>> = {
  aadRoles: 'Microsoft Entra roles (aadRoles)',
  azureResources: 'Azure resources (azureResources)',
  aadGroups: 'PIM for Groups (aadGroups)',
  [DYNAMIC_PROVIDER]: 'Provider not fixed in the code',
};

export const FIX_TIER_LABELS: Readonly<Record<FixTier, string>> = {
  safe: 'safe: a mechanical rewrite',
  suggestion: 'suggestion: a rewrite to review',
  manual: 'manual: no direct replacement',
};

/**
 * Minutes one finding takes to migrate, by fix tier, for a high-confidence finding in code:
 * edit the call, map the request body, test it. These are assumptions of the estimate, not
 * measurements, and the Markdown report prints them beside the total.
 */
export const MINUTES_BY_FIX: Readonly<Record<FixTier, number>> = {
  safe: 10,
  suggestion: 30,
  manual: 90,
};

/** Multiplier for findings that need a reader to confirm the match first. An assumption, like the minutes. */
export const CONFIDENCE_FACTOR: Readonly<Record<Confidence, number>> = {
  high: 1,
  medium: 1.5,
  low: 2,
};

/** Minutes for a finding in a comment or documentation, which needs a text edit only. An assumption. */
export const MINUTES_IN_COMMENT = 5;

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface RuleCountRow extends CountRow {
  fix: FixTier;
}

export interface PermissionScopes {
  provider: string;
  label: string;
  /** Scopes of the `to` lists: what the app must be granted. */
  request: string[];
  /** Scopes of the `from` lists: what the app can give up once every call has moved. */
  retire: string[];
}

export interface EffortRow {
  fix: FixTier;
  confidence: Confidence | 'comment';
  findings: number;
  minutesEach: number;
  minutes: number;
}

export interface EffortEstimate {
  rows: EffortRow[];
  minutes: number;
}

export interface MigrationPlan {
  /** Findings that are not suppressed, in report order. */
  active: Finding[];
  suppressed: Finding[];
  files: number;
  byProvider: CountRow[];
  byRule: RuleCountRow[];
  byFix: CountRow[];
  permissions: PermissionScopes[];
  effort: EffortEstimate;
}

export function providerKey(finding: Finding): string {
  return finding.provider ?? DYNAMIC_PROVIDER;
}

export function providerLabel(key: string): string {
  return PROVIDER_LABELS[key] ?? key;
}

/** Builds the plan of a scan result. */
export function buildMigrationPlan(result: ScanResult): MigrationPlan {
  const sorted = sortFindings(result.findings);
  const active = sorted.filter((finding) => finding.suppression === undefined);
  const suppressed = sorted.filter((finding) => finding.suppression !== undefined);

  return {
    active,
    suppressed,
    files: new Set(active.map((finding) => finding.file)).size,
    byProvider: countBy(active, providerKey, providerLabel),
    byRule: countRules(active),
    byFix: countFixTiers(active),
    permissions: collectPermissions(active),
    effort: estimateEffort(active),
  };
}

function countBy(findings: readonly Finding[], key: (finding: Finding) => string, label: (key: string) => string): CountRow[] {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    counts.set(key(finding), (counts.get(key(finding)) ?? 0) + 1);
  }
  return [...counts.keys()].sort(compareStrings).map((name) => ({ key: name, label: label(name), count: counts.get(name) ?? 0 }));
}

function countRules(findings: readonly Finding[]): RuleCountRow[] {
  const rows = new Map<string, RuleCountRow>();
  for (const finding of findings) {
    const row = rows.get(finding.ruleId) ?? { key: finding.ruleId, label: finding.title, count: 0, fix: finding.fix };
    row.count += 1;
    rows.set(finding.ruleId, row);
  }
  return [...rows.values()].sort((a, b) => compareStrings(a.key, b.key));
}

/** Fix tiers in the order of the work they take, so the table reads from easy to hard. */
function countFixTiers(findings: readonly Finding[]): CountRow[] {
  const tiers: FixTier[] = ['safe', 'suggestion', 'manual'];
  return tiers
    .map((tier) => ({ key: tier, label: FIX_TIER_LABELS[tier], count: findings.filter((finding) => finding.fix === tier).length }))
    .filter((row) => row.count > 0);
}

/** Unions the permission changes of the findings per provider, each scope once, in code-unit order. */
function collectPermissions(findings: readonly Finding[]): PermissionScopes[] {
  const byProvider = new Map<string, { request: Set<string>; retire: Set<string> }>();
  for (const finding of findings) {
    if (!finding.permissions) continue;
    const key = providerKey(finding);
    const scopes = byProvider.get(key) ?? { request: new Set<string>(), retire: new Set<string>() };
    for (const scope of finding.permissions.to) scopes.request.add(scope);
    for (const scope of finding.permissions.from) scopes.retire.add(scope);
    byProvider.set(key, scopes);
  }
  return [...byProvider.keys()].sort(compareStrings).map((key) => {
    const scopes = byProvider.get(key)!;
    return {
      provider: key,
      label: providerLabel(key),
      request: [...scopes.request].sort(compareStrings),
      retire: [...scopes.retire].sort(compareStrings),
    };
  });
}

/** Sums the assumed minutes per finding (see MINUTES_BY_FIX) into rows by fix tier and confidence. */
export function estimateEffort(findings: readonly Finding[]): EffortEstimate {
  const rows = new Map<string, EffortRow>();
  for (const finding of findings) {
    const confidence = finding.inComment ? 'comment' : finding.confidence;
    const minutesEach = finding.inComment ? MINUTES_IN_COMMENT : MINUTES_BY_FIX[finding.fix] * CONFIDENCE_FACTOR[finding.confidence];
    const key = `${finding.fix}/${confidence}`;
    const row = rows.get(key) ?? { fix: finding.fix, confidence, findings: 0, minutesEach, minutes: 0 };
    row.findings += 1;
    row.minutes += minutesEach;
    rows.set(key, row);
  }

  const tierOrder: FixTier[] = ['safe', 'suggestion', 'manual'];
  const confidenceOrder = ['high', 'medium', 'low', 'comment'];
  const sorted = [...rows.values()].sort(
    (a, b) => tierOrder.indexOf(a.fix) - tierOrder.indexOf(b.fix) || confidenceOrder.indexOf(a.confidence) - confidenceOrder.indexOf(b.confidence),
  );
  return { rows: sorted, minutes: sorted.reduce((sum, row) => sum + row.minutes, 0) };
}

/** Formats minutes as hours, rounded up to the next half hour, because an estimate reads as a range anyway. */
export function formatHours(minutes: number): string {
  const halfHours = Math.ceil(minutes / 30);
  const hours = halfHours / 2;
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

export interface BodyFieldMapping {
  from: string;
  /** New field, or null when the field has no counterpart and is dropped. */
  to: string | null;
  note?: string;
}

export interface BodyMapping {
  ruleId: string;
  provider: ProviderId;
  fields: BodyFieldMapping[];
}

/**
 * Returns the request-body field mappings of a finding's rule: the one of its provider, or of
 * every provider of the rule when the code leaves the provider dynamic. Returns no mapping
 * without a rule table or when the rule has none.
 */
export function bodyMappingsFor(finding: Finding, rules: RuleTable | undefined): BodyMapping[] {
  const rule = rules?.rules.find((candidate) => candidate.id === finding.ruleId);
  if (!rule) return [];

  const providers: ProviderId[] = finding.provider ? [finding.provider] : (Object.keys(rule.providers) as ProviderId[]);
  const mappings: BodyMapping[] = [];
  for (const provider of providers) {
    const fields = rule.providers[provider]?.body;
    if (fields && fields.length > 0) mappings.push({ ruleId: rule.id, provider, fields });
  }
  return mappings;
}

/** Returns the distinct body mappings of all findings, by rule id then provider. */
export function collectBodyMappings(findings: readonly Finding[], rules: RuleTable | undefined): BodyMapping[] {
  const seen = new Map<string, BodyMapping>();
  for (const finding of findings) {
    for (const mapping of bodyMappingsFor(finding, rules)) {
      seen.set(`${mapping.ruleId}\u0000${mapping.provider}`, mapping);
    }
  }
  return [...seen.values()].sort((a, b) => compareStrings(a.ruleId, b.ruleId) || compareStrings(a.provider, b.provider));
}

/** Folder of a finding's file for the charts: the path without its last segment, or `.` at the root. */
export function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash <= 0 ? '.' : file.slice(0, slash);
}

export { UNCONFIRMED_NOTE } from '../match/select-replacements.js';
