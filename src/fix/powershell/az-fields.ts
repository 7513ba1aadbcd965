import { readObject } from '../../extract/powershell/objects.js';
import { ResolveState } from '../../extract/powershell/resolve.js';
import { unwrap, variableKey } from '../../extract/powershell/tree.js';
import type { BodyValue } from '../body-map.js';
import type { Edit } from '../edits.js';
import { argumentNamed, deleteStatement, type OldArgument, type OldCall } from './arguments.js';
import { readSchedule } from './schedule.js';
import type { PowerShellScript } from './script.js';
import { bodyEntriesOf, bodyValueOf } from './values.js';

/**
 * Parsing mode of a value's source text: `command` for an argument written on a command line,
 * `expression` for a hashtable member or an assignment. `[datetime]::UtcNow` is a string in
 * command mode, so expression text needs parentheses when it moves onto a command line.
 */
export type ParseMode = 'command' | 'expression';

/** One iteration 2 request field read from the old call, keyed by its body name (`subjectId`). */
export interface OldField {
  key: string;
  value: BodyValue;
  mode: ParseMode;
}

export type ReadFields = { fields: OldField[]; edits: Edit[] } | { reason: string };

/** Parameters that name the provider, which the Az.Resources cmdlets do not take because they serve Azure resources only. */
const PROVIDER_PARAMETERS = new Set(['providerid', 'privilegedaccessid']);

/**
 * Reads the request fields of a create-request cmdlet: the written parameters of
 * `Open-AzureADMSPrivilegedRoleAssignmentRequest` (with `-Schedule` built in this script), or the
 * `-BodyParameter` hashtable of the Graph beta cmdlet. The returned edits delete the statements
 * that only built those values (the schedule object, a body variable used by this call alone).
 */
export function readRequestFields(script: PowerShellScript, old: OldCall, quote: string): ReadFields {
  const body = argumentNamed(old, 'BodyParameter', 'Body');
  const rest = old.arguments.filter((argument) => argument !== body && !PROVIDER_PARAMETERS.has(argument.name.toLowerCase()));
  if (body) {
    if (rest.length > 0) {
      return { reason: `-${rest[0]!.name} is written beside -BodyParameter; move it into the body or migrate the call by hand` };
    }
    return readBodyParameter(script, body, quote);
  }
  const fields: OldField[] = [];
  const edits: Edit[] = [];
  for (const argument of rest) {
    if (!argument.value) {
      return { reason: `the switch -${argument.name} has no Az.Resources counterpart; migrate the call by hand` };
    }
    const key = argument.name.charAt(0).toLowerCase() + argument.name.slice(1);
    if (key.toLowerCase() === 'schedule') {
      const schedule = readSchedule(script, argument.value, quote);
      if ('reason' in schedule) {
        return schedule;
      }
      fields.push({ key, value: schedule.value, mode: 'expression' });
      edits.push(...schedule.edits);
      continue;
    }
    const read = bodyValueOf(argument.value, script.resolver, quote);
    if ('reason' in read) {
      return read;
    }
    fields.push({ key, value: read.value, mode: argument.splatted ? 'expression' : 'command' });
  }
  return { fields, edits };
}

/** `-BodyParameter @{...}` inline or splatted, or a variable holding a hashtable literal that only this call uses. */
function readBodyParameter(script: PowerShellScript, body: OldArgument, quote: string): ReadFields {
  const value = body.value;
  if (!value) {
    return { reason: '-BodyParameter has no value; migrate the call by hand' };
  }
  if (value.kind === 'object') {
    const entries = bodyEntriesOf(value.object, script.resolver, quote);
    return 'reason' in entries ? entries : { fields: entries.entries.map((entry) => ({ ...entry, mode: 'expression' })), edits: [] };
  }
  if (value.kind !== 'node') {
    return { reason: '-BodyParameter is not a hashtable; map the body by hand' };
  }
  const target = unwrap(value.node);
  let hashtable = target.type === 'hash_literal_expression' ? target : undefined;
  const edits: Edit[] = [];
  if (target.type === 'variable') {
    const key = variableKey(target.text);
    const assignment = script.table.plainAssignment(key, target.startIndex);
    const assigned = assignment ? unwrap(assignment.value) : undefined;
    if (!assignment || assigned?.type !== 'hash_literal_expression') {
      return { reason: `${target.text} is not a hashtable literal assigned in this script; map the body by hand` };
    }
    const uses = (script.variableUses.get(key) ?? []).filter((use) => use.startIndex < assignment.start || use.startIndex >= assignment.end);
    if (uses.length !== 1 || script.table.memberAssignments(key, 0, script.text.length).length > 0) {
      return { reason: `${target.text} is used or changed elsewhere in the script; map the body by hand` };
    }
    // The Az.Resources cmdlets take no body, so the hashtable's values move onto the call.
    // NOTE: they are then evaluated at the call instead of at the assignment; a variable they
    // read that changes in between gives a different value.
    hashtable = assigned;
    edits.push(deleteStatement(script.text, assignment.start, assignment.end));
  }
  if (!hashtable) {
    return { reason: `-BodyParameter ${value.node.text} is not a hashtable literal; map the body by hand` };
  }
  const object = readObject(script.resolver, hashtable, new ResolveState());
  const entries = object ? bodyEntriesOf(object, script.resolver, quote) : { reason: 'the -BodyParameter hashtable is not readable; map the body by hand' };
  if ('reason' in entries) {
    return entries;
  }
  return { fields: entries.entries.map((entry) => ({ ...entry, mode: 'expression' })), edits };
}
