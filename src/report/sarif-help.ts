import { replacementUrl } from '../match/select-replacements.js';
import { PROVIDER_IDS, type CloudSpec, type ProviderId, type ReplacementSpec, type Rule, type RuleNote } from '../rules/schema.js';

/** Labels of the old API's provider ids, for rule help. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
  aadRoles: 'Microsoft Entra roles',
  azureResources: 'Azure resources',
  aadGroups: 'PIM for Groups',
};

/** Describes the rule's old call in one line, such as `POST /privilegedAccess/{providerId}/roleAssignmentRequests`. */
export function describeOldCall(rule: Rule): string {
  return `${rule.operation.methods.join(' or ')} ${rule.operation.paths[0]}`;
}

/** Builds the SARIF `fullDescription`: the old call and when it stopped returning data. */
export function describeRule(rule: Rule): string {
  return `Calls ${describeOldCall(rule)}, an iteration ${rule.iteration} PIM API that stopped returning data on ${rule.retired}.`;
}

function describeCondition(condition: Record<string, string[]>): string {
  return Object.entries(condition)
    .map(([field, values]) => (values.length === 1 ? `${field} is ${values[0]}` : `${field} is one of ${values.join(', ')}`))
    .join(' and ');
}

function describeActions(spec: ReplacementSpec): string | undefined {
  if (spec.action) return spec.action;
  if (!spec.actions) return undefined;
  return Object.entries(spec.actions)
    .map(([oldType, action]) => `${oldType} -> ${action}`)
    .join(', ');
}

function noteLine(note: RuleNote): { text: string; unconfirmed: boolean } {
  return typeof note === 'string' ? { text: note, unconfirmed: false } : { text: note.text, unconfirmed: note.unconfirmed === true };
}

/**
 * Escapes Markdown punctuation in prose from the rule table, so a `*` or `|` in a note never
 * turns into formatting.
 */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (character) => `\\${character}`);
}

/** Wraps text in a Markdown code span that works for any text, backticks included. */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Rule help as plain text and as Markdown, built from the same sections. */
export interface RuleHelp {
  text: string;
  markdown: string;
}

/**
 * Builds the help of a rule: the old call, each provider's replacements with their conditions,
 * actions and cmdlets, the request-body field mapping, the permission changes, the notes
 * (unconfirmed ones marked), the retirement date and the documentation link. Replacement URLs
 * are shown in `cloud`, normally the global cloud, because a rule covers every cloud.
 */
export function buildRuleHelp(rule: Rule, cloud: CloudSpec): RuleHelp {
  const text: string[] = [];
  const markdown: string[] = [];

  text.push(rule.title, '', `Old call: ${describeOldCall(rule)}`);
  markdown.push(`**${escapeMarkdown(rule.title)}**`, '', `Old call: ${code(describeOldCall(rule))}`);
  for (const path of rule.operation.paths.slice(1)) {
    text.push(`Also written as: ${path}`);
    markdown.push(`Also written as: ${code(path)}`);
  }
  if (rule.operation.cmdlets?.length) {
    text.push(`Old cmdlets: ${rule.operation.cmdlets.join(', ')}`);
    markdown.push(`Old cmdlets: ${rule.operation.cmdlets.map(code).join(', ')}`);
  }
  text.push(`Stopped returning data on ${rule.retired}. Fix tier: ${rule.fix}.`);
  markdown.push('', `Stopped returning data on **${rule.retired}**. Fix tier: ${code(rule.fix)}.`);

  for (const provider of PROVIDER_IDS) {
    const mapping = rule.providers[provider];
    if (!mapping) continue;
    const heading = `${PROVIDER_LABELS[provider]} (${provider})`;
    text.push('', `${heading}:`);
    markdown.push('', `### ${escapeMarkdown(heading)}`, '');

    if (mapping.replacements.length === 0) {
      text.push('  No iteration 3 replacement exists; see the notes.');
      markdown.push('No iteration 3 replacement exists; see the notes.');
    }
    for (const spec of mapping.replacements) {
      const url = replacementUrl(spec, cloud);
      const actions = describeActions(spec);
      text.push(`  -> ${spec.method} ${url}`);
      markdown.push(`- ${code(`${spec.method} ${url}`)}`);
      if (spec.when) {
        text.push(`     when ${describeCondition(spec.when)}`);
        markdown.push(`  - when ${escapeMarkdown(describeCondition(spec.when))}`);
      }
      if (actions) {
        text.push(`     ${spec.api === 'graph' ? 'action' : 'requestType'}: ${actions}`);
        markdown.push(`  - ${spec.api === 'graph' ? 'action' : 'requestType'}: ${code(actions)}`);
      }
      if (spec.cmdlet) {
        text.push(`     cmdlet: ${spec.cmdlet}`);
        markdown.push(`  - cmdlet: ${code(spec.cmdlet)}`);
      }
      for (const note of (spec.notes ?? []).map(noteLine)) {
        text.push(`     ${note.unconfirmed ? 'Unconfirmed: ' : 'Note: '}${note.text}`);
        markdown.push(`  - ${note.unconfirmed ? '**Unconfirmed:** ' : ''}${escapeMarkdown(note.text)}`);
      }
    }

    if (mapping.body?.length) {
      text.push('  Request body fields:');
      markdown.push('', '| Old field | New field | Note |', '| --- | --- | --- |');
      for (const field of mapping.body) {
        const target = field.to ?? '(dropped)';
        text.push(`     ${field.from} -> ${target}${field.note ? ` (${field.note})` : ''}`);
        markdown.push(`| ${code(field.from)} | ${field.to ? code(field.to) : '(dropped)'} | ${escapeMarkdown(field.note ?? '')} |`);
      }
    }
    if (mapping.permissions) {
      const to = mapping.permissions.to.length > 0 ? mapping.permissions.to.join(', ') : '(none listed)';
      text.push(`  Permissions: ${mapping.permissions.from.join(', ')} -> ${to}`);
      markdown.push('', `Permissions: ${escapeMarkdown(mapping.permissions.from.join(', '))} → ${escapeMarkdown(to)}`);
    }
    for (const note of (mapping.notes ?? []).map(noteLine)) {
      text.push(`  ${note.unconfirmed ? 'Unconfirmed: ' : 'Note: '}${note.text}`);
      markdown.push('', `${note.unconfirmed ? '**Unconfirmed:** ' : 'Note: '}${escapeMarkdown(note.text)}`);
    }
  }

  const notes = (rule.notes ?? []).map(noteLine);
  if (notes.length > 0) {
    text.push('', 'Notes:');
    markdown.push('', '### Notes', '');
    for (const note of notes) {
      text.push(`  - ${note.unconfirmed ? 'Unconfirmed: ' : ''}${note.text}`);
      markdown.push(`- ${note.unconfirmed ? '**Unconfirmed:** ' : ''}${escapeMarkdown(note.text)}`);
    }
  }

  text.push('', `Documentation of the old API: ${rule.docs}`);
  markdown.push('', `Documentation of the old API: <${rule.docs}>`);
  return { text: text.join('\n'), markdown: markdown.join('\n') };
}
