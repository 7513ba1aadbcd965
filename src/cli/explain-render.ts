import { replacementUrl } from '../match/select-replacements.js';
import type { RuleTable } from '../rules/load.js';
import { PROVIDER_IDS, type ProviderId, type ReplacementSpec, type Rule, type RuleNote } from '../rules/schema.js';

const PROVIDER_NAMES: Record<ProviderId, string> = {
  aadRoles: 'Microsoft Entra roles (aadRoles)',
  azureResources: 'Azure resources (azureResources)',
  aadGroups: 'PIM for Groups (aadGroups)',
};

function noteLine(note: RuleNote): string {
  if (typeof note === 'string') return note;
  return note.unconfirmed ? `unconfirmed (check by hand): ${note.text}` : note.text;
}

/**
 * Renders one rule for `pim-migrate explain`: the old call, then per provider the replacements
 * with their conditions, actions and cmdlets, the body field renames, permissions and notes.
 * With a provider, only that provider's mapping is shown.
 */
export function renderExplanation(rule: Rule, provider: ProviderId | null, via: string, table: RuleTable): string {
  const cloud = table.hosts.clouds[0]!;
  const lines: string[] = [`${rule.id}: ${rule.title}`, `  matched by: ${via}`, ''];

  lines.push('Old call (retired):');
  for (const path of rule.operation.paths) lines.push(`  ${rule.operation.methods.join(', ')} ${path}`);
  if (rule.operation.cmdlets?.length) lines.push(`  cmdlets: ${rule.operation.cmdlets.join(', ')}`);
  lines.push(`  iteration: ${rule.iteration}`, `  retired: ${rule.retired}`, `  fix tier: ${rule.fix}`, `  docs: ${rule.docs}`);

  const providers = PROVIDER_IDS.filter((id) => rule.providers[id] !== undefined && (provider === null || id === provider));
  if (providers.length === 0) {
    lines.push('', provider === null ? 'Replacements: the rule lists no provider mapping.' : `Replacements: the rule has no mapping for ${provider}.`);
  }
  for (const id of providers) {
    const mapping = rule.providers[id]!;
    lines.push('', `Replacement for ${PROVIDER_NAMES[id]}:`);
    if (mapping.replacements.length === 0) lines.push('  no iteration 3 equivalent; see the notes');
    for (const spec of mapping.replacements) lines.push(...renderReplacement(spec, replacementUrl(spec, cloud)));
    for (const field of mapping.body ?? []) {
      const to = field.to === null ? '(dropped)' : field.to;
      lines.push(`  body: ${field.from} -> ${to}${field.note ? ` (${field.note})` : ''}`);
    }
    if (mapping.permissions) {
      lines.push(`  permissions: ${mapping.permissions.from.join(', ')} -> ${mapping.permissions.to.join(', ') || '(none named)'}`);
    }
    for (const note of mapping.notes ?? []) lines.push(`  note: ${noteLine(note)}`);
  }

  if (rule.notes?.length) {
    lines.push('', 'Notes:');
    for (const note of rule.notes) lines.push(`  ${noteLine(note)}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderReplacement(spec: ReplacementSpec, url: string): string[] {
  const lines = [`  ${spec.method} ${url}`];
  for (const [field, values] of Object.entries(spec.when ?? {})) lines.push(`    when: ${field} is ${values.join(' or ')}`);
  if (spec.action) lines.push(`    action: ${spec.action}`);
  for (const [from, to] of Object.entries(spec.actions ?? {})) lines.push(`    action: type ${from} -> ${to}`);
  if (spec.cmdlet) lines.push(`    cmdlet: ${spec.cmdlet}`);
  for (const note of spec.notes ?? []) lines.push(`    note: ${noteLine(note)}`);
  return lines;
}
