import type { Node } from 'web-tree-sitter';
import type { CommandCall } from '../../extract/powershell/commands.js';
import { readObject, type FieldValue } from '../../extract/powershell/objects.js';
import { ResolveState } from '../../extract/powershell/resolve.js';
import { unwrap, variableKey } from '../../extract/powershell/tree.js';
import type { Edit } from '../edits.js';
import type { PowerShellScript } from './script.js';

/** PowerShell common parameters: every cmdlet takes them, so they move to the new call as written. */
const COMMON_PARAMETERS = new Set([
  'erroraction', 'errorvariable', 'warningaction', 'warningvariable', 'informationaction', 'informationvariable',
  'outvariable', 'outbuffer', 'pipelinevariable', 'verbose', 'debug', 'whatif', 'confirm', 'ea', 'ev', 'wa', 'wv', 'ov', 'ob', 'pv', 'iv', 'infa',
]);

/** One parameter of the old call, written on the command line or a member of its splat. */
export interface OldArgument {
  name: string;
  value: FieldValue | null;
  /** Source text of `-Name value` (written) or `Name = value` (splatted). */
  text: string;
  splatted: boolean;
}

export interface OldCall {
  call: CommandCall;
  arguments: OldArgument[];
  /** The splat's hashtable literal and the variable, when the call is `Cmdlet @params`. */
  splat?: { hashtable: Node; variable: string };
  /** Common parameters, as written, for the new call. */
  common: OldArgument[];
}

export type ReadCall = { old: OldCall } | { reason: string };

/**
 * Reads the parameters of a call. A splat is read only when its hashtable is a literal in this
 * script that nothing else uses or changes, because the fix rewrites that hashtable in place.
 */
export function readOldCall(script: PowerShellScript, call: CommandCall): ReadCall {
  if (call.positional.length > 0) {
    return { reason: `the call has a positional argument (${call.positional[0]!.text}); name its parameter, then rerun the fix` };
  }
  if (call.splats.length > 1) {
    return { reason: 'the call splats several hashtables; merge them into one literal hashtable, then rerun the fix' };
  }
  const old: OldCall = { call, arguments: [], common: [] };
  const splat = call.splats[0];
  if (splat) {
    const read = readSplat(script, splat);
    if ('reason' in read) {
      return read;
    }
    old.splat = { hashtable: read.hashtable, variable: splat.text.slice(1) };
    old.arguments.push(...read.arguments);
  }
  for (const parameter of call.parameters) {
    const end = parameter.value ? parameter.value.endIndex : parameter.offset + parameter.name.length + 1;
    old.arguments.push({
      name: parameter.name,
      value: parameter.value ? { kind: 'node', node: parameter.value } : null,
      text: script.text.slice(parameter.offset, end),
      splatted: false,
    });
  }
  old.common = old.arguments.filter((argument) => COMMON_PARAMETERS.has(argument.name.toLowerCase()));
  old.arguments = old.arguments.filter((argument) => !COMMON_PARAMETERS.has(argument.name.toLowerCase()));
  return { old };
}

function readSplat(script: PowerShellScript, splat: Node): { hashtable: Node; arguments: OldArgument[] } | { reason: string } {
  const key = variableKey(splat.text);
  const assignment = script.table.plainAssignment(key, splat.startIndex);
  const hashtable = assignment ? unwrap(assignment.value) : undefined;
  if (!assignment || !hashtable || hashtable.type !== 'hash_literal_expression') {
    return { reason: `${splat.text} is not a hashtable literal assigned in this script; write the parameters on the call, then rerun the fix` };
  }
  const uses = (script.variableUses.get(key) ?? []).filter((use) => use.startIndex < assignment.start || use.startIndex >= assignment.end);
  if (uses.length !== 1 || script.table.memberAssignments(key, 0, script.text.length).length > 0) {
    return { reason: `$${key} is used or changed elsewhere in the script; splat a hashtable used only by this call, then rerun the fix` };
  }
  const object = readObject(script.resolver, hashtable, new ResolveState());
  if (!object || !object.complete) {
    return { reason: `${splat.text} has a key computed at run time; write the parameters on the call, then rerun the fix` };
  }
  const entries = hashtable.descendantsOfType('hash_entry').filter((entry): entry is Node => entry !== null && entry.parent?.parent?.id === hashtable.id);
  return {
    hashtable,
    arguments: [...object.entries].map(([name, value]) => ({
      name,
      value,
      text: entries.find((entry) => entry.text.toLowerCase().startsWith(name.toLowerCase()))?.text ?? '',
      splatted: true,
    })),
  };
}

/** The argument with one of the names (case-insensitive). */
export function argumentNamed(old: OldCall, ...names: string[]): OldArgument | undefined {
  const wanted = names.map((name) => name.toLowerCase());
  return [...old.arguments].reverse().find((argument) => wanted.includes(argument.name.toLowerCase()));
}

/** Edits that delete whole lines `[start, end)` covers, when nothing else is on them; otherwise the range itself. */
export function deleteStatement(text: string, start: number, end: number): Edit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
    return { start: lineStart, end: lineEnd, text: '' };
  }
  return { start, end, text: '' };
}
