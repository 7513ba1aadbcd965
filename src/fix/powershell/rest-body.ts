import type { Node } from 'web-tree-sitter';
import { commandNameText, parameterOf, readCommand } from '../../extract/powershell/commands.js';
import { createsObject, readObject } from '../../extract/powershell/objects.js';
import { ResolveState } from '../../extract/powershell/resolve.js';
import { isStringNode, namedChildren, shortText, unwrap } from '../../extract/powershell/tree.js';
import { mapRequestBody, type NewEntry } from '../body-map.js';
import type { Edit } from '../edits.js';
import type { FixPlan } from '../plan.js';
import { hashtableStyle } from './command.js';
import { hashEntries } from './hashtable.js';
import { newlineOf, printHashtable } from './print.js';
import type { RestCall } from './rest-call.js';
import type { PowerShellScript } from './script.js';
import { singleUseAssignment } from './single-use.js';
import { bodyEntriesOf } from './values.js';

/**
 * `ConvertTo-Json -Depth` when none is written.
 * NOTE: 2 is the default as recalled from the ConvertTo-Json reference; pwsh is not on the test machine to confirm it.
 */
const DEFAULT_JSON_DEPTH = 2;

/** Maximum variables and wrappers followed from `-Body` to the hashtable literal. */
const MAX_HOPS = 8;

/** The hashtable literal a `-Body` sends, and the `ConvertTo-Json` command that serializes it, if any. */
interface BodySource {
  hashtable: Node;
  convert: Node | undefined;
}

export type BodyEdit = { edit: Edit } | { reason: string };

/**
 * Rewrites the hashtable literal a REST call sends as its body with `mapRequestBody`. The
 * hashtable is written at the call or in a variable assigned once and used only there, and
 * reaches `-Body` through `ConvertTo-Json` (any cmdlet) or directly (`Invoke-MgGraphRequest`,
 * which serializes a hashtable itself).
 */
export function rewriteRestBody(script: PowerShellScript, rest: RestCall, plan: FixPlan, quote: string): BodyEdit {
  if (!rest.body) {
    return { reason: 'the POST sends no -Body on this call; write the schedule request body by hand' };
  }
  const source = bodySource(script, rest.body, undefined, 0);
  if ('reason' in source) {
    return source;
  }
  // NOTE: the form-field encoding of a hashtable -Body on POST is as recalled from the Invoke-RestMethod reference, not run here.
  if (!source.convert && !rest.graphRequest) {
    return { reason: 'Invoke-RestMethod and Invoke-WebRequest send a hashtable -Body as URL-encoded form fields, not JSON; pipe it to ConvertTo-Json, then rerun the fix' };
  }
  const nested = nestedObjectNotInline(script, source.hashtable);
  if (nested) {
    return { reason: `the body member ${nested} is an object built elsewhere; write it inline in the body hashtable, then rerun the fix` };
  }
  const object = readObject(script.resolver, source.hashtable, new ResolveState());
  const entries = object ? bodyEntriesOf(object, script.resolver, quote) : { reason: 'the body hashtable is not readable; map the body by hand' };
  if ('reason' in entries) {
    return entries;
  }
  const condition = checkConditionLiterals(script, source.hashtable, plan);
  if (condition) {
    return { reason: condition };
  }
  const mapped = mapRequestBody(entries.entries, plan);
  if ('reason' in mapped) {
    return mapped;
  }
  const depth = source.convert ? jsonDepthOf(script, source.convert) : undefined;
  const needed = nestingOf(mapped.entries);
  if (depth !== undefined && depth < needed) {
    return { reason: `ConvertTo-Json -Depth ${depth} would cut the new body, which nests ${needed} levels (scheduleInfo.expiration); raise -Depth, then rerun the fix` };
  }
  const style = hashtableStyle(script, source.hashtable, { quote, newline: newlineOf(script.text) });
  return { edit: { start: source.hashtable.startIndex, end: source.hashtable.endIndex, text: printHashtable(mapped.entries, style) } };
}

/** Follows `-Body` through single-use variables, `ConvertTo-Json` and object casts to the hashtable literal. */
function bodySource(script: PowerShellScript, node: Node, convert: Node | undefined, hops: number): BodySource | { reason: string } {
  const target = unwrap(node);
  if (hops > MAX_HOPS) {
    return { reason: 'the body passes through too many variables; map it by hand' };
  }
  if (target.type === 'variable') {
    const single = singleUseAssignment(script, target);
    if ('reason' in single) {
      return { reason: `${single.reason}; build the body for this call alone, then rerun the fix` };
    }
    return bodySource(script, single.assignment.value, convert, hops + 1);
  }
  if (target.type === 'pipeline_chain') {
    const stages = namedChildren(target);
    const last = stages.at(-1);
    if (stages.length === 2 && last && isConvertToJson(last)) {
      return bodySource(script, stages[0]!, last, hops + 1);
    }
    return { reason: `the body is built by the pipeline ${shortText(target)}; map it by hand` };
  }
  if (target.type === 'command' && isConvertToJson(target)) {
    const input = convertInput(target);
    return input ? bodySource(script, input, target, hops + 1) : { reason: 'ConvertTo-Json has no input object here; map the body by hand' };
  }
  if (target.type === 'cast_expression' && createsObject(target)) {
    return bodySource(script, namedChildren(target)[1]!, convert, hops + 1);
  }
  if (target.type === 'hash_literal_expression') {
    return { hashtable: target, convert };
  }
  if (isStringNode(target)) {
    return { reason: 'the body is JSON text (a string or here-string); write it as a hashtable piped to ConvertTo-Json, then rerun the fix' };
  }
  return { reason: `the body ${shortText(target)} is built at run time; map it by hand` };
}

function isConvertToJson(node: Node): boolean {
  return node.type === 'command' && /^convertto-json$/i.test(commandNameText(node) ?? '');
}

/** `ConvertTo-Json -InputObject $x` or `ConvertTo-Json $x`. */
function convertInput(node: Node): Node | undefined {
  const call = readCommand(node);
  return call ? (parameterOf(call, 'InputObject')?.value ?? call.positional[0]) : undefined;
}

/** Returns the `-Depth` of a `ConvertTo-Json` command: DEFAULT_JSON_DEPTH when absent, undefined when computed. */
function jsonDepthOf(script: PowerShellScript, convert: Node): number | undefined {
  const call = readCommand(convert);
  const written = call ? parameterOf(call, 'Depth')?.value : undefined;
  if (!written) {
    return DEFAULT_JSON_DEPTH;
  }
  const value = Number.parseInt(script.resolver.value(written, new ResolveState()) ?? '', 10);
  return Number.isNaN(value) ? undefined : value;
}

/** Levels of objects inside the body, as ConvertTo-Json counts them (`scheduleInfo.expiration` is 2). */
function nestingOf(entries: readonly NewEntry[]): number {
  let max = 0;
  for (const entry of entries) {
    if (entry.value.kind === 'object') {
      max = Math.max(max, 1 + nestingOf(entry.value.entries));
    }
  }
  return max;
}

/**
 * Returns the text of a member whose value is an object from a variable or expression instead of
 * a hashtable literal. The fix would copy that object's members into the body and leave its source.
 */
function nestedObjectNotInline(script: PowerShellScript, hashtable: Node): string | undefined {
  for (const { key, value } of hashEntries(script.resolver, hashtable)) {
    const target = unwrap(value);
    const inner = target.type === 'cast_expression' && createsObject(target) ? unwrap(namedChildren(target)[1]!) : target;
    if (inner.type === 'hash_literal_expression') {
      const deeper = nestedObjectNotInline(script, inner);
      if (deeper) {
        return `${key.text}.${deeper}`;
      }
      continue;
    }
    if (!isStringNode(inner) && readObject(script.resolver, value, new ResolveState())) {
      return `${key.text} = ${shortText(value)}`;
    }
  }
  return undefined;
}

/**
 * Checks that the body fields that chose the replacement (`type`, `assignmentState`) are
 * string literals in the hashtable with one of the values the rule's condition names. A value
 * read through a variable may differ at run time, and the endpoint and action depend on it.
 */
function checkConditionLiterals(script: PowerShellScript, hashtable: Node, plan: FixPlan): string | undefined {
  const spec = plan.rule.providers[plan.provider]?.replacements.find((candidate) => candidate.path === plan.replacement.path);
  for (const [field, allowed] of Object.entries(spec?.when ?? {})) {
    const entry = hashEntries(script.resolver, hashtable).find((candidate) => candidate.name?.toLowerCase() === field.toLowerCase());
    const value = entry ? unwrap(entry.value) : undefined;
    const literal = value && isStringNode(value) && !value.type.includes('here_string') && namedChildren(value).length === 0 ? script.resolver.value(value, new ResolveState()) : null;
    if (literal === null) {
      return `the body's ${field} is not a string literal in the hashtable, so the new endpoint and action are not certain; write its value as a literal, then rerun the fix`;
    }
    if (!allowed.some((option) => option.toLowerCase() === literal.toLowerCase())) {
      return `the body's ${field} '${literal}' does not select ${plan.replacement.path}; migrate the call by hand`;
    }
  }
  return undefined;
}

