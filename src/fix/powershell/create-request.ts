import { readObject } from '../../extract/powershell/objects.js';
import { ResolveState } from '../../extract/powershell/resolve.js';
import { unwrap, variableKey } from '../../extract/powershell/tree.js';
import { mapRequestBody, type BodyEntry } from '../body-map.js';
import type { Edit, FixAttempt } from '../edits.js';
import type { FixPlan } from '../plan.js';
import { argumentNamed, type OldCall } from './arguments.js';
import { hashtableStyle, layoutOf, rewriteCall } from './command.js';
import { printHashtable } from './print.js';
import { readSchedule } from './schedule.js';
import type { PowerShellScript } from './script.js';
import { bodyEntriesOf, bodyValueOf } from './values.js';

/** Parameters that name the provider; the replacement cmdlet already is that provider's. */
const PROVIDER_PARAMETERS = new Set(['providerid', 'privilegedaccessid']);

/**
 * Rewrites a role assignment request cmdlet (`Open-AzureADMSPrivilegedRoleAssignmentRequest`,
 * `New-MgBetaPrivilegedAccessRoleAssignmentRequest`) to the v1.0 schedule request cmdlet of the
 * plan, with `-BodyParameter` mapped by the rule table as `mapRequestBody` does.
 */
export function fixCreateRequest(script: PowerShellScript, old: OldCall, plan: FixPlan): FixAttempt {
  const cmdlet = plan.replacement.cmdlet;
  if (!cmdlet) {
    return { reason: `rule ${plan.rule.id} names no replacement cmdlet; call ${plan.replacement.url} by hand` };
  }
  const layout = layoutOf(script, old);
  const body = argumentNamed(old, 'BodyParameter', 'Body');
  const rest = old.arguments.filter((argument) => argument !== body && !PROVIDER_PARAMETERS.has(argument.name.toLowerCase()));
  if (body) {
    if (rest.length > 0) {
      return { reason: `-${rest[0]!.name} has no counterpart on ${cmdlet}; migrate the call by hand` };
    }
    return fixBodyParameter(script, old, plan, cmdlet, body.value);
  }

  const entries: BodyEntry[] = [];
  const edits: Edit[] = [];
  for (const argument of rest) {
    if (!argument.value) {
      return { reason: `the switch -${argument.name} has no counterpart on ${cmdlet}; migrate the call by hand` };
    }
    const key = argument.name.charAt(0).toLowerCase() + argument.name.slice(1);
    if (key.toLowerCase() === 'schedule') {
      const schedule = readSchedule(script, argument.value, layout.quote);
      if ('reason' in schedule) {
        return schedule;
      }
      entries.push({ key, value: schedule.value });
      edits.push(...schedule.edits);
      continue;
    }
    const read = bodyValueOf(argument.value, script.resolver, layout.quote);
    if ('reason' in read) {
      return read;
    }
    entries.push({ key, value: read.value });
  }
  const mapped = mapRequestBody(entries, plan);
  if ('reason' in mapped) {
    return mapped;
  }
  return { edits: [...edits, ...rewriteCall(script, old, cmdlet, [{ name: 'BodyParameter', hashtable: mapped.entries }], layout)] };
}

/** `-BodyParameter @{...}` inline, or a variable holding a hashtable literal that only this call uses. */
function fixBodyParameter(script: PowerShellScript, old: OldCall, plan: FixPlan, cmdlet: string, value: OldCall['arguments'][number]['value']): FixAttempt {
  const layout = layoutOf(script, old);
  if (!value) {
    return { reason: '-BodyParameter has no value; migrate the call by hand' };
  }
  if (value.kind === 'object') {
    // A splatted BodyParameter hashtable: read it as the body and print it into the new splat.
    const entries = bodyEntriesOf(value.object, script.resolver, layout.quote);
    const mapped = 'reason' in entries ? entries : mapRequestBody(entries.entries, plan);
    return 'reason' in mapped ? mapped : { edits: rewriteCall(script, old, cmdlet, [{ name: 'BodyParameter', hashtable: mapped.entries }], layout) };
  }
  if (value.kind !== 'node') {
    return { reason: '-BodyParameter is not a hashtable; map the body by hand' };
  }
  const target = unwrap(value.node);
  let hashtable = target.type === 'hash_literal_expression' ? target : undefined;
  if (target.type === 'variable') {
    const key = variableKey(target.text);
    const assignment = script.table.plainAssignment(key, target.startIndex);
    const assigned = assignment ? unwrap(assignment.value) : undefined;
    const uses = (script.variableUses.get(key) ?? []).filter((use) => !assignment || use.startIndex < assignment.start || use.startIndex >= assignment.end);
    if (!assignment || assigned?.type !== 'hash_literal_expression') {
      return { reason: `${target.text} is not a hashtable literal assigned in this script; map the body by hand` };
    }
    if (uses.length !== 1 || script.table.memberAssignments(key, 0, script.text.length).length > 0) {
      return { reason: `${target.text} is used or changed elsewhere in the script; map the body by hand` };
    }
    hashtable = assigned;
  }
  if (!hashtable) {
    return { reason: `-BodyParameter ${value.node.text} is not a hashtable literal; map the body by hand` };
  }
  const object = readObject(script.resolver, hashtable, new ResolveState());
  const entries = object ? bodyEntriesOf(object, script.resolver, layout.quote) : { reason: 'the -BodyParameter hashtable is not readable; map the body by hand' };
  if ('reason' in entries) {
    return entries;
  }
  const mapped = mapRequestBody(entries.entries, plan);
  if ('reason' in mapped) {
    return mapped;
  }
  const style = hashtableStyle(script, hashtable, layout);
  if (hashtable === target) {
    return { edits: rewriteCall(script, old, cmdlet, [{ name: 'BodyParameter', text: printHashtable(mapped.entries, style) }], layout) };
  }
  return {
    edits: [
      { start: hashtable.startIndex, end: hashtable.endIndex, text: printHashtable(mapped.entries, style) },
      ...rewriteCall(script, old, cmdlet, [{ name: 'BodyParameter', text: value.node.text }], layout),
    ],
  };
}
