import type { CommandCall } from '../../src/extract/powershell/commands.js';
import { readObject, type FieldValue } from '../../src/extract/powershell/objects.js';
import { ResolveState } from '../../src/extract/powershell/resolve.js';
import { bareName, type PowerShellScript } from '../../src/fix/powershell/script.js';
import { AZ_CMDLETS, CMDLET_ROUTES, COMMON_PARAMETERS, REST_COMMANDS, type CmdletRoute } from './powershell-cmdlet-routes.js';
import { camelCase, fieldToJson, objectToJson, type JsonObject, type JsonValue } from './powershell-json.js';

/** A request a script would send, read without running it. */
export interface HttpRequest {
  kind: 'http';
  /** The command and its line, for messages: `line 4: Invoke-RestMethod`. */
  where: string;
  method: string;
  /** Path from the API version on (`/v1.0/...`, `/beta/...`, `/api/v2/...`), without the query. */
  path: string;
  query: URLSearchParams;
  body: JsonObject | undefined;
}

/** An Az.Resources call: ARM requests are not sent, so the test checks its parameters. */
export interface AzCall {
  kind: 'az';
  where: string;
  /** Cmdlet name, lower case. */
  cmdlet: string;
  /** Parameter values by lower-case name, common parameters left out; a switch is `true`. */
  parameters: Map<string, JsonValue>;
}

export type StaticRequest = HttpRequest | AzCall;

/** One argument of a command: a named parameter or a member of a splatted hashtable. */
interface Argument {
  name: string;
  /** Null for a switch. */
  field: FieldValue | null;
}

/**
 * Reads the PIM requests a script would send, in file order: the cmdlets of the route table, the
 * REST commands and the Az.Resources cmdlets. Throws when a request command has an argument the
 * test cannot place, so a reader gap fails the test instead of dropping a field.
 */
export function readStaticRequests(script: PowerShellScript): StaticRequest[] {
  const requests: StaticRequest[] = [];
  const calls = [...script.commands].sort((a, b) => a.node.startIndex - b.node.startIndex);
  for (const call of calls) {
    const name = bareName(call).toLowerCase();
    const where = `line ${lineOf(script.text, call.node.startIndex)}: ${bareName(call)}`;
    const route = CMDLET_ROUTES.get(name);
    const rest = REST_COMMANDS.get(name);
    if (route) {
      requests.push(cmdletRequest(script, call, route, where));
    } else if (rest) {
      requests.push(restRequest(script, call, rest, where));
    } else if (AZ_CMDLETS.has(name)) {
      requests.push(azCall(script, call, name, where));
    }
  }
  return requests;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Collects named parameters and splatted hashtable members by lower-case name, leaving out common parameters. */
function argumentsOf(script: PowerShellScript, call: CommandCall, where: string): Map<string, Argument> {
  const result = new Map<string, Argument>();
  for (const splat of call.splats) {
    const object = readObject(script.resolver, splat, new ResolveState());
    if (!object || !object.complete) {
      throw new Error(`${where}: the splat ${splat.text} is not a hashtable the test can read`);
    }
    for (const [key, field] of object.entries) {
      result.set(key.toLowerCase(), { name: key, field });
    }
  }
  for (const parameter of call.parameters) {
    result.set(parameter.name.toLowerCase(), { name: parameter.name, field: parameter.value ? { kind: 'node', node: parameter.value } : null });
  }
  for (const name of COMMON_PARAMETERS) {
    result.delete(name);
  }
  return result;
}

/** Returns the literal text of an argument, or undefined when the script computes it. */
function textOf(script: PowerShellScript, field: FieldValue | null): string | undefined {
  if (!field || field.kind === 'object') {
    return undefined;
  }
  return field.kind === 'text' ? (field.text ?? undefined) : (script.resolver.value(field.node, new ResolveState()) ?? undefined);
}

function argumentJson(script: PowerShellScript, argument: Argument): JsonValue {
  return argument.field ? fieldToJson(script.resolver, argument.field) : true;
}

function cmdletRequest(script: PowerShellScript, call: CommandCall, route: CmdletRoute, where: string): HttpRequest {
  if (call.positional.length > 0) {
    throw new Error(`${where}: positional arguments are not read (${call.positional[0]!.text})`);
  }
  const args = argumentsOf(script, call, where);
  const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = textOf(script, args.get(name.toLowerCase())?.field ?? null);
    if (value === undefined) {
      throw new Error(`${where}: -${name} is missing or computed, so the request path is unknown`);
    }
    args.delete(name.toLowerCase());
    return encodeURIComponent(value);
  });
  for (const name of route.unplaced ?? []) {
    args.delete(name.toLowerCase());
  }
  const request: HttpRequest = { kind: 'http', where, method: route.method, path, query: new URLSearchParams(), body: undefined };
  switch (route.body) {
    case 'parameters':
      request.body = parametersBody(script, args, route.bodyParameters ?? [], where);
      break;
    case 'body-parameter':
      request.body = bodyParameterBody(script, args, where);
      break;
    case 'query':
      readQuery(script, args, request.query, where);
      break;
  }
  return request;
}

/** Builds a body from parameters: each becomes the member of the same name in camelCase (`-SubjectId` -> `subjectId`). */
function parametersBody(script: PowerShellScript, args: Map<string, Argument>, bodyParameters: readonly string[], where: string): JsonObject {
  const body: JsonObject = {};
  for (const [key, argument] of args) {
    const name = bodyParameters.find((candidate) => candidate.toLowerCase() === key);
    if (!name) {
      throw new Error(`${where}: -${argument.name} is not a parameter the route table places in the request`);
    }
    body[camelCase(name)] = argumentJson(script, argument);
  }
  return body;
}

/** Builds a body from `-BodyParameter`. Other named parameters (`-AccessId`, `-GroupId`) become members of it. */
function bodyParameterBody(script: PowerShellScript, args: Map<string, Argument>, where: string): JsonObject {
  const bodyArgument = args.get('bodyparameter');
  args.delete('bodyparameter');
  let body: JsonObject = {};
  if (bodyArgument) {
    const value = argumentJson(script, bodyArgument);
    if (value === null || typeof value !== 'object') {
      throw new Error(`${where}: -BodyParameter is not a hashtable the test can read`);
    }
    body = value;
  }
  for (const [, argument] of args) {
    body[camelCase(argument.name)] = argumentJson(script, argument);
  }
  return body;
}

/** Puts `-Filter` and `-Top` in the query. `-All` only pages through results, so it is not sent. */
function readQuery(script: PowerShellScript, args: Map<string, Argument>, query: URLSearchParams, where: string): void {
  for (const [key, argument] of args) {
    if (key === 'filter' || key === 'top') {
      query.set(`$${key}`, String(argumentJson(script, argument)));
    } else if (key !== 'all') {
      throw new Error(`${where}: -${argument.name} is not a parameter the route table places in the request`);
    }
  }
}

function restRequest(script: PowerShellScript, call: CommandCall, kind: 'rest' | 'graph', where: string): HttpRequest {
  const args = argumentsOf(script, call, where);
  const uriField = args.get('uri')?.field ?? (call.positional[0] ? { kind: 'node' as const, node: call.positional[0] } : null);
  if (!uriField) {
    throw new Error(`${where}: -Uri is missing`);
  }
  const url = urlText(script, uriField);
  const version = (kind === 'graph' ? /(?:^|\/)((?:v1\.0|beta)\/.*)$/ : /\/((?:v1\.0|beta|api\/v2)\/.*)$/).exec(url);
  if (!version) {
    throw new Error(`${where}: the URI ${url} has no /v1.0/, /beta/ or /api/v2/ segment`);
  }
  const [path, query = ''] = `/${version[1]!}`.split('?', 2) as [string, string?];
  const methodArgument = args.get('method');
  const method = methodArgument ? textOf(script, methodArgument.field) : 'GET';
  if (method === undefined) {
    throw new Error(`${where}: -Method is computed, so the verb is unknown`);
  }
  const bodyArgument = args.get('body');
  return { kind: 'http', where, method: method.toUpperCase(), path, query: new URLSearchParams(query), body: bodyArgument ? restBody(script, bodyArgument, where) : undefined };
}

/** Returns the URI as text, with each part the script computes written as `{expression}`. */
function urlText(script: PowerShellScript, field: FieldValue): string {
  if (field.kind === 'text') {
    return field.text ?? '';
  }
  if (field.kind === 'object') {
    return '';
  }
  return script.resolver
    .parts(field.node, new ResolveState())
    .map((part) => (part.kind === 'literal' ? part.text : `{${part.name ?? 'dynamic'}}`))
    .join('');
}

/** Reads a REST body: a hashtable, a hashtable piped to or passed to `ConvertTo-Json`, or JSON text. */
function restBody(script: PowerShellScript, argument: Argument, where: string): JsonObject {
  const field = argument.field;
  if (field?.kind === 'object') {
    return objectToJson(script.resolver, field.object);
  }
  const object = field?.kind === 'node' ? readObject(script.resolver, field.node, new ResolveState()) : null;
  if (!object || !object.complete) {
    throw new Error(`${where}: -Body is not an object the test can read`);
  }
  return objectToJson(script.resolver, object);
}

function azCall(script: PowerShellScript, call: CommandCall, cmdlet: string, where: string): AzCall {
  if (call.positional.length > 0) {
    throw new Error(`${where}: positional arguments are not read (${call.positional[0]!.text})`);
  }
  const parameters = new Map<string, JsonValue>();
  for (const [key, argument] of argumentsOf(script, call, where)) {
    parameters.set(key, argumentJson(script, argument));
  }
  return { kind: 'az', where, cmdlet, parameters };
}
