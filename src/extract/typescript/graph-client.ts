import { ts } from 'ts-morph';
import { MAX_DEPTH, type FileContext, type Scope } from './context.js';
import { followValue, unwrapExpression } from './follow.js';
import type { HttpCall } from './http-call.js';
import { resolveConstantString, type ResolveState } from './resolve-string.js';

/**
 * Request methods of the Microsoft Graph JavaScript client (`GraphRequest` in
 * @microsoft/microsoft-graph-client 3.x) and the HTTP method each sends.
 */
const GRAPH_VERBS: Readonly<Record<string, string>> = {
  get: 'GET',
  getStream: 'GET',
  post: 'POST',
  create: 'POST',
  patch: 'PATCH',
  update: 'PATCH',
  put: 'PUT',
  putStream: 'PUT',
  delete: 'DELETE',
  del: 'DELETE',
};

const VERBS_WITH_BODY = new Set(['POST', 'PATCH', 'PUT']);

/** Graph root the client puts before a relative path; the client's default version is v1.0. */
function graphRoot(version: string | undefined): string {
  return `https://graph.microsoft.com/${version ?? 'v1.0'}`;
}

/** Version set by `.version(...)`: none (undefined), a known string, or a runtime value. */
type VersionSetting = { known: true; value: string } | { known: false } | undefined;

function readVersion(call: ts.CallExpression, ctx: FileContext, scope: Scope, state: ResolveState): VersionSetting {
  const argument = call.arguments[0];
  const value = argument ? resolveConstantString(argument, ctx, scope, state) : undefined;
  return value === undefined ? { known: false } : { known: true, value };
}

function baseFor(version: VersionSetting): string | undefined {
  if (version === undefined) {
    return graphRoot(undefined);
  }
  return version.known ? graphRoot(version.value) : undefined;
}

/** Method name of a call `x.name(...)`, or undefined. */
function calledMethodName(call: ts.CallExpression): string | undefined {
  const callee = unwrapExpression(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/**
 * Recognises `client.api(url)...verb(body)`: walks down the chain from the verb, through a request
 * stored in a `const`, to the `.api()` call. The `.version()` nearest the verb wins, as in the client.
 */
export function recognizeGraphRequest(
  call: ts.CallExpression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
): HttpCall | undefined {
  const verb = calledMethodName(call);
  const method = verb !== undefined && Object.hasOwn(GRAPH_VERBS, verb) ? GRAPH_VERBS[verb] : undefined;
  if (!method) {
    return undefined;
  }
  let version: VersionSetting;
  let current = unwrapExpression((unwrapExpression(call.expression) as ts.PropertyAccessExpression).expression);
  for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
    if (ts.isCallExpression(current)) {
      const name = calledMethodName(current);
      if (name === undefined) {
        return undefined;
      }
      if (name === 'api') {
        const url = current.arguments[0];
        if (!url) {
          return undefined;
        }
        const bodyArgument = call.arguments[0];
        const result: HttpCall = { node: call, url, scope, method, covers: [current] };
        if (bodyArgument && VERBS_WITH_BODY.has(method)) {
          result.body = { expression: bodyArgument, scope };
        }
        const base = baseFor(version);
        if (base) {
          result.baseUrlIfRelative = base;
        }
        return result;
      }
      if (name === 'version' && version === undefined) {
        version = readVersion(current, ctx, scope, state);
      }
      current = unwrapExpression((unwrapExpression(current.expression) as ts.PropertyAccessExpression).expression);
      continue;
    }
    if (ts.isIdentifier(current) || ts.isPropertyAccessExpression(current)) {
      const followed = followValue(current, ctx, scope, state, depth);
      if (!followed) {
        return undefined;
      }
      current = unwrapExpression(followed.expression);
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** True for a Graph client `.api(url)` call. */
export function isGraphApiCall(call: ts.CallExpression): boolean {
  return calledMethodName(call) === 'api' && call.arguments.length >= 1;
}

/**
 * Returns the base URL for a `.api(url)` call that no verb was found for (say, a request returned
 * to the caller), from the `.version()` calls chained after it.
 */
export function graphBaseAfterApi(apiCall: ts.CallExpression, ctx: FileContext, scope: Scope, state: ResolveState): string | undefined {
  let version: VersionSetting;
  let node: ts.Node = apiCall;
  while (
    node.parent &&
    ts.isPropertyAccessExpression(node.parent) &&
    node.parent.expression === node &&
    node.parent.parent &&
    ts.isCallExpression(node.parent.parent) &&
    node.parent.parent.expression === node.parent
  ) {
    const chained = node.parent.parent;
    if (node.parent.name.text === 'version') {
      version = readVersion(chained, ctx, scope, state);
    }
    node = chained;
  }
  return baseFor(version);
}
