import type { Node } from 'web-tree-sitter';
import type { CommandCall } from '../../extract/powershell/commands.js';
import { recognizeHttpCommand, unqualified } from '../../extract/powershell/http-calls.js';
import { ResolveState } from '../../extract/powershell/resolve.js';
import { unwrap, variableKey } from '../../extract/powershell/tree.js';
import { hashEntries } from './hashtable.js';
import type { PowerShellScript } from './script.js';
import { singleUseAssignment } from './single-use.js';

/** The HTTP cmdlets whose request body this fixer rewrites: their body parameter is `-Body`. */
const REST_COMMANDS = new Set(['invoke-restmethod', 'irm', 'invoke-webrequest', 'iwr', 'invoke-mggraphrequest']);

/** An `Invoke-RestMethod`, `Invoke-WebRequest` or `Invoke-MgGraphRequest` call and the arguments the fix rewrites. */
export interface RestCall {
  call: CommandCall;
  /** True for `Invoke-MgGraphRequest`, which sends a hashtable `-Body` as JSON. */
  graphRequest: boolean;
  /** The `-Uri` expression (written, positional or a splat member). */
  uri: Node;
  /** The `-Body` expression, when the call has one. */
  body: Node | undefined;
  /** The reason the call's arguments cannot be rewritten, when they were found but are shared or unreadable. */
  problem?: string;
}

export type FoundRestCall = { rest: RestCall } | { reason: string };

/**
 * Finds the REST call whose URL contains `offset`: the URL is written on the call, in its splat
 * hashtable, or in the value of a variable the call passes as `-Uri`.
 */
export function findRestCall(script: PowerShellScript, offset: number): FoundRestCall {
  const matches: RestCall[] = [];
  for (const call of script.commands) {
    const rest = readRestCall(script, call);
    if (rest && urlSourceContains(script, rest.uri, offset)) {
      matches.push(rest);
    }
  }
  if (matches.length === 0) {
    return { reason: 'the URL is not passed to Invoke-RestMethod, Invoke-WebRequest or Invoke-MgGraphRequest in this script, so the request body is out of reach; change the URL and body by hand' };
  }
  if (matches.length > 1) {
    return { reason: 'the URL variable is passed to several calls; give each call its own URL, then rerun the fix' };
  }
  return { rest: matches[0]! };
}

function readRestCall(script: PowerShellScript, call: CommandCall): RestCall | undefined {
  const name = unqualified(call.nameNode.text);
  if (call.invocation !== null || !REST_COMMANDS.has(name) || !recognizeHttpCommand(call, name, script.resolver, new ResolveState())) {
    return undefined;
  }
  const values = new Map<string, Node>();
  let problem: string | undefined;
  if (call.splats.length > 1) {
    problem = 'the call splats several hashtables; merge them into one literal hashtable, then rerun the fix';
  }
  const splat = call.splats[0];
  if (splat) {
    const read = splatMembers(script, splat);
    problem ??= read.problem;
    for (const [key, value] of read.members) {
      values.set(key, value);
    }
  }
  // Written parameters override splatted ones, as PowerShell binds them.
  for (const parameter of call.parameters) {
    if (parameter.value) {
      values.set(parameter.name.toLowerCase(), parameter.value);
    }
  }
  // Invoke-RestMethod and its kin take the URI as their first positional argument.
  if (!values.has('uri') && call.positional.length > 0) {
    values.set('uri', call.positional[0]!);
  }
  if (call.positional.length > (values.get('uri') === call.positional[0] ? 1 : 0)) {
    problem ??= `the call has a positional argument (${call.positional.at(-1)!.text}); name its parameter, then rerun the fix`;
  }
  const uri = values.get('uri');
  if (!uri) {
    return undefined;
  }
  return { call, graphRequest: name === 'invoke-mggraphrequest', uri, body: values.get('body'), ...(problem ? { problem } : {}) };
}

/** Reads the members of a splatted hashtable literal by lower-case key, with the reason it cannot be rewritten, if any. */
function splatMembers(script: PowerShellScript, splat: Node): { members: Map<string, Node>; problem?: string } {
  const members = new Map<string, Node>();
  const assignment = script.table.plainAssignment(variableKey(splat.text), splat.startIndex);
  const hashtable = assignment ? unwrap(assignment.value) : undefined;
  if (!hashtable || hashtable.type !== 'hash_literal_expression') {
    return { members, problem: `${splat.text} is not a hashtable literal assigned in this script; write the parameters on the call, then rerun the fix` };
  }
  const single = singleUseAssignment(script, splat);
  let problem = 'reason' in single ? `${single.reason}; splat a hashtable used only by this call, then rerun the fix` : undefined;
  for (const entry of hashEntries(script.resolver, hashtable)) {
    if (entry.name === null) {
      problem ??= `${splat.text} has a key computed at run time; write the parameters on the call, then rerun the fix`;
      continue;
    }
    members.set(entry.name.toLowerCase(), entry.value);
  }
  return { members, ...(problem ? { problem } : {}) };
}

/** True when `offset` is in the URL expression or in the value assigned to the variable it reads. */
function urlSourceContains(script: PowerShellScript, uri: Node, offset: number): boolean {
  if (uri.startIndex <= offset && offset < uri.endIndex) {
    return true;
  }
  const target = unwrap(uri);
  if (target.type !== 'variable') {
    return false;
  }
  const assignment = script.table.plainAssignment(variableKey(target.text), target.startIndex);
  return assignment !== undefined && assignment.value.startIndex <= offset && offset < assignment.value.endIndex;
}
