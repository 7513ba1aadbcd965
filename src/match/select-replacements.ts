import { noteApplies } from '../rules/note-scope.js';
import type { ReplacementOut } from '../model/finding.js';
import { PROVIDER_IDS, type CloudSpec, type ProviderId, type ReplacementSpec, type Rule, type RuleNote } from '../rules/schema.js';

/** Evidence for `when` conditions: field -> value as the code writes it. */
export type Evidence = Record<string, string>;

export interface Selection {
  replacements: ReplacementOut[];
  /** True when the evidence leaves exactly one replacement. */
  exact: boolean;
  /** Providers whose mapping was consulted. */
  providers: ProviderId[];
}

/**
 * `Finding.notes` are plain strings, so an unconfirmed fact is marked by the text prefix
 * `Unconfirmed:` that `noteText` writes, possibly after a provider or cloud label
 * (`aadRoles: Unconfirmed: ...`). Reports and the fix tier read it with this pattern.
 */
export const UNCONFIRMED_NOTE = /^(?:([^:]{1,40}): )?unconfirmed\s*:\s*/i;

export function noteText(note: RuleNote): string {
  return typeof note === 'string' ? note : note.unconfirmed ? `Unconfirmed: ${note.text}` : note.text;
}

/** Field names compare without case or `_`, so `AssignmentState` and `assignment_state` are one field. */
const fieldKey = (field: string): string => field.replace(/_/g, '').toLowerCase();

function lowerKeys(evidence: Evidence): Map<string, string> {
  return new Map(Object.entries(evidence).map(([key, value]) => [fieldKey(key), value.toLowerCase()]));
}

/** A replacement stays a candidate unless known evidence contradicts its condition. */
function satisfies(spec: ReplacementSpec, evidence: Map<string, string>): boolean {
  for (const [field, accepted] of Object.entries(spec.when ?? {})) {
    const value = evidence.get(fieldKey(field));
    if (value !== undefined && !accepted.some((candidate) => candidate.toLowerCase() === value)) {
      return false;
    }
  }
  return true;
}

function describeCondition(condition: Record<string, string[]>): string {
  return Object.entries(condition)
    .map(([field, values]) => (values.length === 1 ? `${field} is ${values[0]}` : `${field} is one of ${values.join(', ')}`))
    .join(' and ');
}

/** Build the replacement URL in the cloud of the old call (the global cloud when unknown). */
export function replacementUrl(spec: ReplacementSpec, cloud: CloudSpec): string {
  if (spec.api === 'graph') {
    const query = spec.query ? `?${spec.query}` : '';
    return `https://${cloud.graph[0]}/${spec.version}${spec.path}${query}`;
  }
  const query = [`api-version=${spec.apiVersion}`, ...(spec.query ? [spec.query] : [])].join('&');
  return `https://${cloud.arm}${spec.path}?${query}`;
}

function findAction(spec: ReplacementSpec, evidence: Map<string, string>): string | undefined {
  if (spec.action) {
    return spec.action;
  }
  const type = evidence.get('type');
  if (!type || !spec.actions) {
    return undefined;
  }
  return Object.entries(spec.actions).find(([oldType]) => oldType.toLowerCase() === type)?.[1];
}

/**
 * Choose the replacements of a rule for the provider in the code (every provider when it is
 * dynamic) and the evidence. Conditions that the evidence confirms are left out of `when`, so
 * the text shows only what the user still has to decide.
 */
export function selectReplacements(rule: Rule, provider: ProviderId | null, rawEvidence: Evidence, cloud: CloudSpec): Selection {
  const evidence = lowerKeys(rawEvidence);
  const providers = provider ? [provider] : PROVIDER_IDS.filter((id) => rule.providers[id]);
  const multipleProviders = providers.length > 1;
  const replacements: ReplacementOut[] = [];

  for (const providerId of providers) {
    const mapping = rule.providers[providerId];
    if (!mapping) {
      continue;
    }
    for (const spec of mapping.replacements) {
      if (!satisfies(spec, evidence)) {
        continue;
      }
      const open: Record<string, string[]> = {};
      if (multipleProviders) {
        open.providerId = [providerId];
      }
      for (const [field, values] of Object.entries(spec.when ?? {})) {
        if (!evidence.has(fieldKey(field))) {
          open[field] = values;
        }
      }
      const out: ReplacementOut = {
        api: spec.api,
        method: spec.method,
        path: spec.path,
        url: replacementUrl(spec, cloud),
      };
      if (spec.version) out.version = spec.version;
      if (spec.apiVersion) out.apiVersion = spec.apiVersion;
      if (Object.keys(open).length > 0) {
        out.when = describeCondition(open);
        out.condition = open;
      }
      const action = findAction(spec, evidence);
      if (action) out.action = action;
      if (spec.cmdlet) out.cmdlet = spec.cmdlet;
      const notes = (spec.notes ?? []).filter((note) => noteApplies(note, { action }));
      if (notes.length) out.notes = notes.map(noteText);
      replacements.push(out);
    }
  }
  return { replacements, exact: replacements.length === 1, providers };
}
