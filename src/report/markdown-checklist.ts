import type { Finding, ReplacementOut, SkippedFile } from '../model/finding.js';
import type { RuleTable } from '../rules/load.js';
import { codeSpan, docsLink, escapeMarkdown } from './markdown-escape.js';
import { markdownTable } from './markdown-tables.js';
import { compareStrings, sortSkipped } from './order.js';
import { UNCONFIRMED_NOTE, bodyMappingsFor, providerLabel } from './plan.js';

/** Renders the findings as a task list with one heading per file. */
export function renderChecklist(findings: readonly Finding[], rules: RuleTable | undefined): string[] {
  if (findings.length === 0) return [];
  const lines = ['## Checklist', ''];
  for (const [file, group] of groupByFile(findings)) {
    lines.push(`### ${codeSpan(file)}`, '');
    for (const finding of group) lines.push(...renderItem(finding, rules));
    lines.push('');
  }
  return lines;
}

function renderItem(finding: Finding, rules: RuleTable | undefined): string[] {
  const tags = [finding.fix, `${finding.confidence} confidence`];
  if (finding.inComment) tags.push('in a comment');
  if (finding.provider === null) tags.push('provider not fixed in the code');
  const head = `- [ ] line ${finding.line}: ${codeSpan(formatOperation(finding))}`;
  const suffix = ` (${codeSpan(finding.ruleId)}; ${tags.join(', ')})`;
  const lines: string[] = [];

  if (finding.replacements.length === 0) {
    lines.push(`${head} -> no iteration 3 replacement${suffix}`);
  } else if (finding.replacements.length === 1) {
    lines.push(`${head} -> ${formatReplacement(finding.replacements[0]!)}${suffix}`);
  } else {
    lines.push(`${head} -> one of these, chosen by the condition${suffix}:`);
    for (const replacement of finding.replacements) lines.push(`  - ${formatReplacement(replacement)}`);
  }

  // Only unconfirmed behaviour is repeated here, because it is what a reviewer must check by hand.
  const notes = new Set([...finding.notes, ...finding.replacements.flatMap((replacement) => replacement.notes ?? [])]);
  for (const note of [...notes].filter((candidate) => UNCONFIRMED_NOTE.test(candidate))) {
    lines.push(`  - Check by hand: ${escapeMarkdown(note.replace(UNCONFIRMED_NOTE, (_prefix, label?: string) => (label ? `${label}: ` : '')))}`);
  }
  for (const mapping of bodyMappingsFor(finding, rules)) {
    const fields = mapping.fields.map((field) => `${codeSpan(field.from)} -> ${field.to === null ? 'dropped' : codeSpan(field.to)}`);
    const scope = finding.provider === null ? ` for ${escapeMarkdown(providerLabel(mapping.provider))}` : '';
    lines.push(`  - Body${scope}: ${fields.join(', ')}`);
  }
  return lines;
}

function formatOperation(finding: Finding): string {
  const { method, path } = finding.operation;
  return method ? `${method} ${path}` : path;
}

function formatReplacement(replacement: ReplacementOut): string {
  const parts = [codeSpan(`${replacement.method} ${replacement.url}`)];
  if (replacement.when) parts.push(`(when ${escapeMarkdown(replacement.when)})`);
  if (replacement.action) parts.push(`with action ${codeSpan(replacement.action)}`);
  if (replacement.cmdlet) parts.push(`or cmdlet ${codeSpan(replacement.cmdlet)}`);
  return parts.join(' ');
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file) ?? [];
    group.push(finding);
    groups.set(finding.file, group);
  }
  return groups;
}

export function renderSuppressed(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const rows = findings.map((finding) => {
    const suppression = finding.suppression!;
    const kind = suppression.kind === 'inSource' ? `comment${suppression.line ? ` on line ${suppression.line}` : ''}` : 'baseline';
    return [
      codeSpan(finding.file, true),
      String(finding.line),
      codeSpan(finding.ruleId, true),
      kind,
      // The justification is free text from the scanned file, so a code span keeps its links and mentions inert.
      suppression.justification ? codeSpan(suppression.justification, true) : 'none given',
    ];
  });
  return [
    '## Suppressed findings',
    '',
    'Left out of the totals, the checklist and the estimate.',
    '',
    ...markdownTable(['File', 'Line', 'Rule', 'Suppressed by', 'Justification'], rows),
    '',
  ];
}

export function renderSkipped(skipped: readonly SkippedFile[]): string[] {
  if (skipped.length === 0) return [];
  const rows = sortSkipped(skipped).map((entry) => [codeSpan(entry.file, true), escapeMarkdown(entry.reason)]);
  return [
    '## Skipped files',
    '',
    'These files were not scanned, so they may hold more calls.',
    '',
    ...markdownTable(['File', 'Reason'], rows),
    '',
  ];
}

/** Renders the docs links of the rules with findings, one per rule. */
export function renderDocs(findings: readonly Finding[]): string[] {
  const docs = new Map<string, Finding>();
  for (const finding of findings) if (!docs.has(finding.ruleId)) docs.set(finding.ruleId, finding);
  if (docs.size === 0) return [];
  const lines = ['## Documentation of the retired calls', ''];
  for (const finding of [...docs.values()].sort((a, b) => compareStrings(a.ruleId, b.ruleId))) {
    lines.push(`- ${codeSpan(finding.ruleId)}: ${docsLink(finding.docs, finding.title)}`);
  }
  return [...lines, ''];
}
