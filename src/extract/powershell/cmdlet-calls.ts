import type { Node } from 'web-tree-sitter';
import type { BodyEvidence, CallSite } from '../../model/call-site.js';
import { bindArguments } from './arguments.js';
import { argumentObject, readBody } from './body.js';
import type { CommandCall } from './commands.js';
import { flattenFields } from './objects.js';
import type { ResolveState, Resolver } from './resolve.js';
import { stringContent } from './strings.js';
import { isStringNode, unwrap } from './tree.js';

/** `Verb-Noun`, with an optional module qualifier (`AzureADPreview\Get-...`). */
const CMDLET_NAME = /^(?:[A-Za-z_][\w.]*\\)?[A-Za-z]+-([A-Za-z0-9]+)$/;

/** Parameters whose hashtable or object is the request body itself. */
const BODY_PARAMETERS = new Set(['bodyparameter', 'body']);

/** True when a cmdlet name's noun contains a signature (case-insensitive). */
export function isSignatureCmdlet(name: string, signatures: readonly string[]): boolean {
  const noun = CMDLET_NAME.exec(name)?.[1]?.toLowerCase();
  return noun !== undefined && signatures.some((signature) => signature.length > 0 && noun.includes(signature));
}

/** The name a command calls and where it is written: the token, or the string run with `&`. */
export function resolveCommandName(call: CommandCall, resolver: Resolver, state: ResolveState): { name: string; offset: number; length: number } | null {
  const node = call.nameNode;
  if (node.type === 'command_name') {
    return { name: node.text, offset: node.startIndex, length: node.text.length };
  }
  if (call.invocation !== '&') {
    return null;
  }
  const name = resolver.value(node, state)?.trim();
  if (!name) {
    return null;
  }
  const inner = unwrap(node);
  if (isStringNode(inner)) {
    const content = stringContent(inner);
    return { name, offset: content.start, length: content.end - content.start };
  }
  // `& $cmd`: the call is located on the variable, so each call through it is a finding of its own.
  return { name, offset: node.startIndex, length: node.endIndex - node.startIndex };
}

/** Make a .NET property name a JSON member name: `Schedule` -> `schedule`. */
function camelCase(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * Build the call site of a cmdlet whose noun names an old operation. Parameters resolve to
 * strings where the script shows them; `-BodyParameter`/`-Body` fill the body, and other
 * parameters given an object (`-Schedule $schedule`) add its members under the parameter name.
 */
export function cmdletCallSite(call: CommandCall, name: { name: string; offset: number; length: number }, resolver: Resolver, state: ResolveState, language: string): CallSite {
  const args = bindArguments(call, resolver, state);
  const parameters: Record<string, string | null> = {};
  let body: BodyEvidence | undefined;
  const objectFields: Record<string, string | null> = {};
  for (const argument of args.list) {
    const value = argument.value;
    if (value === null) {
      parameters[argument.name] = '';
      continue;
    }
    if (BODY_PARAMETERS.has(argument.name.toLowerCase())) {
      body = readBody(argument, resolver, state);
      parameters[argument.name] = null;
      continue;
    }
    parameters[argument.name] = value.kind === 'object' ? null : resolver.fieldValue(value, state);
    if (parameters[argument.name] === null && !isStringValue(value)) {
      const object = argumentObject(argument, resolver, state);
      if (object) {
        flattenFields(resolver, object, state, camelCase(argument.name), objectFields);
      }
    }
  }
  if (Object.keys(objectFields).length > 0) {
    // .NET properties (`$schedule.Type`) are JSON members (`schedule.type`) in the request.
    const camelFields = Object.fromEntries(Object.entries(objectFields).map(([path, value]) => [path.split('.').map(camelCase).join('.'), value]));
    body = { fields: { ...(body?.fields ?? {}), ...camelFields }, complete: body?.complete ?? true, ...(body?.offset === undefined ? {} : { offset: body.offset }) };
  }
  const site: CallSite = {
    kind: 'cmdlet',
    language,
    cmdlet: { name: name.name, offset: name.offset, length: name.length, parameters },
    method: null,
    inComment: false,
    confidence: 'high',
    anchor: { offset: call.node.startIndex, length: call.node.endIndex - call.node.startIndex },
  };
  if (body) {
    site.body = args.complete ? body : { ...body, complete: false };
  }
  return site;
}

function isStringValue(value: { kind: string; node?: Node }): boolean {
  return value.kind === 'node' && value.node !== undefined && isStringNode(unwrap(value.node));
}
