import { commandNameText } from '../../extract/powershell/commands.js';
import { readObject, type FieldValue } from '../../extract/powershell/objects.js';
import { ResolveState } from '../../extract/powershell/resolve.js';
import { unwrap, variableKey } from '../../extract/powershell/tree.js';
import type { BodyEntry, BodyValue } from '../body-map.js';
import type { Edit } from '../edits.js';
import { deleteStatement } from './arguments.js';
import type { PowerShellScript } from './script.js';
import { bodyEntriesOf } from './values.js';

/** The AzureADPreview schedule type; the object only exists while that module is loaded. */
const SCHEDULE_TYPE = /^microsoft\.open\.msgraph\.model\.azureadmsprivilegedschedule$/i;

export type ReadSchedule = { value: BodyValue; edits: Edit[] } | { reason: string };

/**
 * Reads `-Schedule @{...}`, or `-Schedule $schedule` where `$schedule = New-Object ...AzureADMSPrivilegedSchedule`
 * and `$schedule.Type/StartDateTime/EndDateTime/Duration = ...` are set in this script, as a
 * body `schedule` object with camelCase members. The statements that build the object are
 * deleted, because `New-Object` of that type fails once AzureADPreview is gone; so the object
 * must be used by this call alone.
 */
export function readSchedule(script: PowerShellScript, field: FieldValue, quote: string): ReadSchedule {
  const refuse = (why: string): ReadSchedule => ({ reason: `${why}; build ScheduleInfo (StartDateTime, Expiration) for the new call by hand` });
  // A hashtable written at the call or in its splat; PowerShell converts it to the schedule type.
  const literal = field.kind === 'object' ? field.object : field.kind === 'node' && unwrap(field.node).type === 'hash_literal_expression' ? readObject(script.resolver, unwrap(field.node), new ResolveState()) : undefined;
  if (literal) {
    const entries = bodyEntriesOf(literal, script.resolver, quote);
    return 'reason' in entries ? refuse(entries.reason) : { value: { kind: 'object', entries: camelCase(entries.entries) }, edits: [] };
  }
  if (field.kind !== 'node') {
    return refuse('the -Schedule value is not readable');
  }
  const variable = unwrap(field.node);
  if (variable.type !== 'variable') {
    return refuse(`-Schedule ${field.node.text} is not a variable built in this script`);
  }
  const key = variableKey(variable.text);
  const assignment = script.table.plainAssignment(key, variable.startIndex);
  const created = assignment ? unwrap(assignment.value) : undefined;
  if (!assignment || !created || !createsSchedule(created)) {
    return refuse(`$${key} is not created with New-Object ${'Microsoft.Open.MSGraph.Model.AzureADMSPrivilegedSchedule'} in this script`);
  }
  const members = script.table.memberAssignments(key, assignment.start, variable.startIndex);
  const statements = [assignment, ...members];
  const others = (script.variableUses.get(key) ?? []).filter(
    (use) => use.startIndex !== variable.startIndex && !statements.some((statement) => statement.start <= use.startIndex && use.startIndex < statement.end),
  );
  if (others.length > 0 || script.table.memberAssignments(key, variable.startIndex, script.text.length).length > 0) {
    return refuse(`$${key} is also used elsewhere in the script`);
  }
  if (members.some((member) => member.path.length !== 1)) {
    return refuse(`$${key} has a nested member set`);
  }
  const object = readObject(script.resolver, variable, new ResolveState());
  if (!object) {
    return refuse(`the members of $${key} are not visible`);
  }
  const entries = bodyEntriesOf(object, script.resolver, quote);
  if ('reason' in entries) {
    return refuse(entries.reason);
  }
  return { value: { kind: 'object', entries: camelCase(entries.entries) }, edits: statements.map((statement) => deleteStatement(script.text, statement.start, statement.end)) };
}

/** Schedule members are camelCase in the body map (`StartDateTime` -> `startDateTime`). */
function camelCase(entries: BodyEntry[]): BodyEntry[] {
  return entries.map((entry) => ({ key: entry.key.charAt(0).toLowerCase() + entry.key.slice(1), value: entry.value }));
}

function createsSchedule(node: ReturnType<typeof unwrap>): boolean {
  if (node.type !== 'command' || !/^new-object$/i.test(commandNameText(node) ?? '')) {
    return false;
  }
  const elements = node.namedChildren.find((child) => child?.type === 'command_elements');
  const words = elements ? elements.namedChildren.filter((child) => child !== null && child.type !== 'command_argument_sep').map((child) => child!.text) : [];
  const typeName = words.find((word, index) => !word.startsWith('-') && (index === 0 || /^-typename:?$/i.test(words[index - 1]!)));
  return typeName !== undefined && SCHEDULE_TYPE.test(typeName.replace(/^['"]|['"]$/g, ''));
}
