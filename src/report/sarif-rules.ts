import type { Confidence } from '../model/call-site.js';
import type { Finding, Severity } from '../model/finding.js';
import type { RuleTable } from '../rules/load.js';
import { PROVIDER_IDS, type CloudSpec, type Rule } from '../rules/schema.js';
import { compareStrings } from './order.js';
import { buildRuleHelp, describeRule } from './sarif-help.js';
import type { SarifReportingDescriptor } from './sarif-types.js';

/**
 * Level of a rule when nothing overrides it. The matcher reports a live call as `warning` and
 * only a comment or a text-search match as `note`, so `warning` is the rule's level.
 */
const DEFAULT_LEVEL: Severity = 'warning';

/** GitHub's `problem.severity` for a SARIF level. */
const PROBLEM_SEVERITY: Readonly<Record<Severity, string>> = {
  error: 'error',
  warning: 'warning',
  note: 'recommendation',
};

/**
 * GitHub's `precision` for a confidence. No finding gets `very-high`: even a literal URL may be
 * dead code, so the tool never claims more than `high`.
 */
const PRECISION: Readonly<Record<Confidence, string>> = {
  high: 'high',
  medium: 'medium',
  low: 'low',
};

/** The rule descriptors of a run, with each rule id's index into the list. */
export interface RuleDescriptors {
  descriptors: SarifReportingDescriptor[];
  indexById: Map<string, number>;
}

/** `pim2-role-assignment-requests-create` -> `Pim2RoleAssignmentRequestsCreate`. */
export function pascalCaseName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function commonProperties(iteration: number | null, providers: readonly string[], fix: string, confidence: Confidence): Record<string, unknown> {
  const tags = ['pim', ...(iteration === null ? [] : [`iteration-${iteration}`]), ...providers, `fix-${fix}`];
  return {
    tags,
    precision: PRECISION[confidence],
    'problem.severity': PROBLEM_SEVERITY[DEFAULT_LEVEL],
  };
}

/**
 * Confidence of a rule's matches. A catch-all rule (a path template ending in `**`) matches
 * any path below a prefix, so it is less precise than a rule for one operation.
 */
function ruleConfidence(rule: Rule): Confidence {
  return rule.operation.paths.some((path) => path.endsWith('/**')) ? 'medium' : 'high';
}

function describeTableRule(rule: Rule, cloud: CloudSpec): SarifReportingDescriptor {
  const providers = PROVIDER_IDS.filter((id) => rule.providers[id]);
  return {
    id: rule.id,
    name: pascalCaseName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: describeRule(rule) },
    helpUri: rule.docs,
    help: buildRuleHelp(rule, cloud),
    defaultConfiguration: { level: DEFAULT_LEVEL },
    properties: commonProperties(rule.iteration, providers, rule.fix, ruleConfidence(rule)),
  };
}

const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { low: 0, medium: 1, high: 2 };

/**
 * Builds a descriptor from the findings of a rule, for runs without the rule table. The iteration
 * comes from the id prefix (`pim1-`, `pim2-`), which the rule schema enforces.
 */
function describeFindingRule(findings: readonly Finding[]): SarifReportingDescriptor {
  const first = findings[0]!;
  const iterationMatch = /^pim([12])-/.exec(first.ruleId);
  const providers = [...new Set(findings.map((finding) => finding.provider).filter((provider) => provider !== null))].sort(compareStrings);
  // NOTE: without the rule table the precision is the best confidence among this run's findings, so it can differ between runs.
  const confidence = findings.reduce<Confidence>((best, finding) => (CONFIDENCE_RANK[finding.confidence] > CONFIDENCE_RANK[best] ? finding.confidence : best), 'low');
  const oldCall = `${first.operation.method ?? 'a request to'} ${first.operation.path}`;
  return {
    id: first.ruleId,
    name: pascalCaseName(first.ruleId),
    shortDescription: { text: first.title },
    fullDescription: { text: `Calls ${oldCall}, a PIM API that stopped returning data on ${first.retired}.` },
    helpUri: first.docs,
    help: {
      text: `${first.title}\n\nStopped returning data on ${first.retired}.\n\nDocumentation of the old API: ${first.docs}`,
      markdown: `**${first.title}**\n\nStopped returning data on **${first.retired}**.\n\nDocumentation of the old API: <${first.docs}>`,
    },
    defaultConfiguration: { level: DEFAULT_LEVEL },
    properties: commonProperties(iterationMatch ? Number(iterationMatch[1]) : null, providers, first.fix, confidence),
  };
}

/**
 * Builds the run's rule descriptors. With the rule table, every rule is listed in table order,
 * whether or not it has findings, so a rule's index is the same in every run of one rule
 * table. A finding whose rule is not in the table, or every finding when there is no table,
 * gets a descriptor built from its fields, appended in rule id order.
 */
export function buildRuleDescriptors(findings: readonly Finding[], table: RuleTable | undefined): RuleDescriptors {
  const descriptors: SarifReportingDescriptor[] = [];
  const indexById = new Map<string, number>();

  if (table) {
    const cloud = table.hosts.clouds.find((candidate) => candidate.id === 'public') ?? table.hosts.clouds[0]!;
    for (const rule of table.rules) {
      indexById.set(rule.id, descriptors.length);
      descriptors.push(describeTableRule(rule, cloud));
    }
  }

  const unknown = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (indexById.has(finding.ruleId)) continue;
    const group = unknown.get(finding.ruleId) ?? [];
    group.push(finding);
    unknown.set(finding.ruleId, group);
  }
  for (const ruleId of [...unknown.keys()].sort(compareStrings)) {
    indexById.set(ruleId, descriptors.length);
    descriptors.push(describeFindingRule(unknown.get(ruleId)!));
  }
  return { descriptors, indexById };
}
