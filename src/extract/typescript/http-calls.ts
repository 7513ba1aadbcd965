import { ts } from 'ts-morph';
import { EMPTY_SCOPE, type FileContext, type Scope } from './context.js';
import { symbolOf } from './follow.js';
import { bindArguments, calledFunction, type FunctionWithBody } from './functions.js';
import { recognizeGraphRequest } from './graph-client.js';
import type { HttpCall } from './http-call.js';
import { recognizeAxios, recognizeFetch, recognizeGotOrKy, recognizeXhrOpen } from './http-clients.js';
import { ResolveState } from './resolve-string.js';

/** Recognises a request made directly with fetch, axios, got, ky, XMLHttpRequest or the Graph client. */
export function recognizeDirectHttpCall(
  node: ts.CallExpression | ts.NewExpression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
): HttpCall | undefined {
  if (ts.isNewExpression(node)) {
    return recognizeFetch(node, ctx, scope, state);
  }
  return (
    recognizeFetch(node, ctx, scope, state) ??
    recognizeGraphRequest(node, ctx, scope, state) ??
    recognizeAxios(node, ctx, scope, state) ??
    recognizeGotOrKy(node, ctx, scope, state) ??
    recognizeXhrOpen(node, ctx, scope, state)
  );
}

/** Requests inside each wrapper function whose URL depends on a parameter, per function node. */
const wrapperRequests = new WeakMap<ts.Node, Array<ts.CallExpression | ts.NewExpression>>();

/**
 * True when an expression uses one of the parameters, directly or through a local `const`
 * (`const full = BASE + path`), up to `hops` declarations deep.
 */
function usesParameter(expression: ts.Node, fn: FunctionWithBody, ctx: FileContext, hops: number): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) {
      return;
    }
    if (ts.isIdentifier(node)) {
      const declaration = symbolOf(node, ctx)?.valueDeclaration;
      if (declaration && ts.isParameter(declaration) && declaration.parent === fn) {
        found = true;
        return;
      }
      if (
        hops > 0 &&
        declaration &&
        ts.isVariableDeclaration(declaration) &&
        declaration.initializer &&
        declaration.pos >= fn.pos &&
        declaration.end <= fn.end
      ) {
        found = usesParameter(declaration.initializer, fn, ctx, hops - 1);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

/**
 * Collects the direct requests in a function's body whose URL uses one of its parameters, or
 * only the first one with `firstOnly`.
 */
function parameterRequests(fn: FunctionWithBody, ctx: FileContext, state: ResolveState, firstOnly: boolean): Array<ts.CallExpression | ts.NewExpression> {
  const requests: Array<ts.CallExpression | ts.NewExpression> = [];
  const visit = (node: ts.Node): void => {
    if (firstOnly && requests.length > 0) {
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const request = recognizeDirectHttpCall(node, ctx, EMPTY_SCOPE, state);
      if (request && usesParameter(request.url, fn, ctx, 3)) {
        requests.push(node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return requests;
}

function requestsInWrapper(fn: FunctionWithBody, ctx: FileContext, state: ResolveState): Array<ts.CallExpression | ts.NewExpression> {
  let requests = wrapperRequests.get(fn);
  if (!requests) {
    requests = parameterRequests(fn, ctx, state, false);
    wrapperRequests.set(fn, requests);
  }
  return requests;
}

/**
 * Recognises a call of a local helper that wraps a request, such as
 * `async function call(token, url, init = {}) { return fetch(url, { ...init, headers }) }`: the
 * helper's request is read again with its parameters bound to this call's arguments, so the URL,
 * method and body come from the caller.
 * NOTE: one level of wrapping only; a helper that calls another helper is not followed.
 */
export function recognizeWrapperCall(node: ts.CallExpression, ctx: FileContext, state: ResolveState): HttpCall | undefined {
  const fn = calledFunction(node, ctx);
  if (!fn || (node.pos >= fn.pos && node.end <= fn.end)) {
    return undefined;
  }
  const scope = bindArguments(fn, node, EMPTY_SCOPE);
  for (const inner of requestsInWrapper(fn, ctx, state)) {
    const request = recognizeDirectHttpCall(inner, ctx, scope, state);
    if (request) {
      return { ...request, node, covers: [...(request.covers ?? []), inner], wrapper: fn };
    }
  }
  return undefined;
}

/** Whether the program of a checker has a function that wraps a request, by checker. */
const programHasWrapper = new WeakMap<ts.TypeChecker, boolean>();

/**
 * True when some function of the program (the scanned file and the files it imports) makes a
 * direct request whose URL uses one of its parameters, the only functions that
 * `recognizeWrapperCall` accepts. Most programs have none, and then no call needs the symbol
 * look-up of its callee. The check uses a state of its own, so it marks no literal as read.
 */
function hasWrapperFunction(ctx: FileContext): boolean {
  let known = programHasWrapper.get(ctx.checker);
  if (known === undefined) {
    const state = new ResolveState();
    const search = (node: ts.Node): boolean => {
      const isFunction = ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
      if (isFunction && node.body !== undefined && parameterRequests(node as FunctionWithBody, ctx, state, true).length > 0) {
        return true;
      }
      return ts.forEachChild(node, search) === true;
    };
    known = ctx.programFiles.some((file) => search(file));
    programHasWrapper.set(ctx.checker, known);
  }
  return known;
}

/** Recognises a direct request or a call of a wrapper helper. */
export function recognizeHttpCall(node: ts.CallExpression | ts.NewExpression, ctx: FileContext, state: ResolveState): HttpCall | undefined {
  const direct = recognizeDirectHttpCall(node, ctx, EMPTY_SCOPE, state);
  if (direct) {
    return direct;
  }
  return ts.isCallExpression(node) && hasWrapperFunction(ctx) ? recognizeWrapperCall(node, ctx, state) : undefined;
}
