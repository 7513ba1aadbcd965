import type { BodyMapping, CountRow, EffortEstimate, MigrationPlan, PermissionScopes, RuleCountRow } from './plan.js';
import { CONFIDENCE_FACTOR, MINUTES_BY_FIX, MINUTES_IN_COMMENT, formatHours, providerLabel } from './plan.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';

/** Builds a GFM table; every cell must already be escaped for a table. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

export function renderTotals(plan: MigrationPlan): string[] {
  if (plan.active.length === 0) return [];
  const countRows = (rows: readonly CountRow[]): string[][] => rows.map((row) => [escapeMarkdown(row.label), String(row.count)]);
  const ruleRows = (rows: readonly RuleCountRow[]): string[][] =>
    rows.map((row) => [codeSpan(row.key, true), escapeMarkdown(row.label), row.fix, String(row.count)]);

  return [
    '## Totals',
    '',
    '### By provider',
    '',
    ...markdownTable(['Provider', 'Findings'], countRows(plan.byProvider)),
    '',
    '### By rule',
    '',
    ...markdownTable(['Rule', 'Title', 'Fix tier', 'Findings'], ruleRows(plan.byRule)),
    '',
    '### By fix tier',
    '',
    ...markdownTable(['Fix tier', 'Findings'], countRows(plan.byFix)),
    '',
  ];
}

export function renderPermissions(scopes: readonly PermissionScopes[]): string[] {
  if (scopes.length === 0) return [];
  const lines = [
    '## Permission scopes',
    '',
    'Request the new scopes before the first call moves. Retire an old scope only after every call that needs it has moved, including calls outside this scan.',
    '',
  ];
  for (const entry of scopes) {
    lines.push(`### ${escapeMarkdown(entry.label)}`, '');
    lines.push(`- Request: ${formatScopes(entry.request)}`);
    lines.push(`- Retire: ${formatScopes(entry.retire)}`, '');
  }
  return lines;
}

function formatScopes(scopes: readonly string[]): string {
  return scopes.length > 0 ? scopes.map((scope) => codeSpan(scope)).join(', ') : 'none listed';
}

export function renderEffort(effort: EffortEstimate): string[] {
  if (effort.rows.length === 0) return [];
  const rows = effort.rows.map((row) => [row.fix, row.confidence === 'comment' ? 'in a comment' : row.confidence, String(row.findings), formatMinutes(row.minutesEach), formatMinutes(row.minutes)]);

  return [
    '## Effort estimate',
    '',
    `This is an estimate, not a measurement: about **${formatHours(effort.minutes)}** of developer time (${formatMinutes(effort.minutes)} minutes), from these assumptions:`,
    '',
    `- A high-confidence finding in code takes ${MINUTES_BY_FIX.safe} minutes for fix tier safe, ${MINUTES_BY_FIX.suggestion} for suggestion and ${MINUTES_BY_FIX.manual} for manual: edit the call, map the request body, test it.`,
    `- Medium confidence multiplies that by ${CONFIDENCE_FACTOR.medium} and low confidence by ${CONFIDENCE_FACTOR.low}, for confirming the match first.`,
    `- A finding in a comment or documentation takes ${MINUTES_IN_COMMENT} minutes, whatever its tier.`,
    '- Suppressed findings, permission grants, tenant changes and release work are not counted.',
    '',
    ...markdownTable(['Fix tier', 'Confidence', 'Findings', 'Minutes each', 'Minutes'], rows),
    '',
  ];
}

function formatMinutes(minutes: number): string {
  return Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1);
}

export function renderBodyMappings(mappings: readonly BodyMapping[]): string[] {
  if (mappings.length === 0) return [];
  const lines = ['## Request body mapping', '', 'Fields of the old request body and where they go in the new one.', ''];
  for (const mapping of mappings) {
    lines.push(`### ${codeSpan(mapping.ruleId)}, ${escapeMarkdown(providerLabel(mapping.provider))}`, '');
    const rows = mapping.fields.map((field) => [
      codeSpan(field.from, true),
      field.to === null ? 'dropped' : codeSpan(field.to, true),
      field.note ? escapeMarkdown(field.note) : '',
    ]);
    lines.push(...markdownTable(['Old field', 'New field', 'Note'], rows), '');
  }
  return lines;
}
