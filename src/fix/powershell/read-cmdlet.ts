import type { Node } from 'web-tree-sitter';
import { unwrap } from '../../extract/powershell/tree.js';
import { isStringNode } from '../../extract/powershell/tree.js';
import type { FixAttempt } from '../edits.js';
import type { FixPlan } from '../plan.js';
import type { OldCall } from './arguments.js';
import { layoutOf, rewriteCall, type NewParameter } from './command.js';
import type { PowerShellScript } from './script.js';

/** Parameters of the old list cmdlets that the v1.0 `Get-Mg...Instance` cmdlets take unchanged. */
const KEPT = new Set(['top', 'all']);

/**
 * Rewrites a list cmdlet (`Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles`) to the
 * v1.0 instance cmdlet of the plan. For Entra roles `-ResourceId` is the tenant, which the new
 * collection already is, so it is dropped. A `-Filter` keeps only `subjectId eq` clauses,
 * renamed to `principalId`; clauses on the fields that chose the replacement are dropped.
 */
export function fixReadCmdlet(script: PowerShellScript, old: OldCall, plan: FixPlan): FixAttempt {
  const cmdlet = plan.replacement.cmdlet;
  if (!cmdlet || plan.provider !== 'aadRoles') {
    return { reason: `only Entra role lists are rewritten; call ${cmdlet ?? plan.replacement.url} by hand` };
  }
  const parameters: NewParameter[] = [];
  for (const argument of old.arguments) {
    const name = argument.name.toLowerCase();
    if (name === 'providerid' || name === 'privilegedaccessid' || name === 'resourceid') {
      continue;
    }
    if (KEPT.has(name)) {
      parameters.push({ name: argument.name, text: argument.value?.kind === 'node' ? argument.value.node.text : '' });
      continue;
    }
    if (name !== 'filter') {
      return { reason: `-${argument.name} has no counterpart on ${cmdlet} (ids differ between iterations); migrate the call by hand` };
    }
    const filter = filterParameter(argument.value?.kind === 'node' ? argument.value.node : undefined, plan);
    if ('reason' in filter) {
      return filter;
    }
    parameters.push(...filter.parameters);
  }
  const layout = layoutOf(script, old);
  return {
    edits: rewriteCall(script, old, cmdlet, parameters.map((parameter) => ('text' in parameter && parameter.text === '' ? { name: parameter.name, text: '' } : parameter)), layout).map((edit) => ({
      ...edit,
      text: edit.text.replace(/ +$/gm, ''),
    })),
  };
}

/** Reads a quoted `-Filter` value and returns the translated `-Filter` parameter (none when nothing is left). */
export function filterParameter(node: Node | undefined, plan: FixPlan): { parameters: { name: string; text: string }[] } | { reason: string } {
  const filter = node ? unwrap(node) : undefined;
  if (!filter || !isStringNode(filter) || filter.type.includes('here_string')) {
    return { reason: 'the -Filter is not a quoted string; rewrite it for the new collection by hand (subjectId becomes principalId)' };
  }
  const translated = translateFilter(filter.text.slice(1, -1), plan);
  if ('reason' in translated) {
    return translated;
  }
  return { parameters: translated.filter === '' ? [] : [{ name: 'Filter', text: `${filter.text[0]}${translated.filter}${filter.text.at(-1)}` }] };
}

/** Translates `subjectId eq '...'` clauses joined by `and`; any other clause is refused with the reason. */
export function translateFilter(source: string, plan: FixPlan): { filter: string } | { reason: string } {
  const conditions = new Set(plan.rule.providers[plan.provider]?.replacements.flatMap((spec) => Object.keys(spec.when ?? {}).map((field) => field.toLowerCase())) ?? []);
  const kept: string[] = [];
  for (const clause of source.split(/\s+and\s+/i)) {
    const match = /^\s*([A-Za-z]+)\s+eq\s+('[^']*'|''[^']*''|"[^"]*")\s*$/.exec(clause);
    if (!match) {
      return { reason: `the -Filter clause "${clause.trim()}" is not a simple field eq value; rewrite it for the new collection by hand` };
    }
    const field = match[1]!.toLowerCase();
    if (conditions.has(field)) {
      continue;
    }
    if (field !== 'subjectid') {
      return { reason: `the -Filter clause "${clause.trim()}" uses an iteration 2 field; rewrite it for the new collection by hand` };
    }
    kept.push(`principalId eq ${match[2]}`);
  }
  return { filter: kept.join(' and ') };
}
