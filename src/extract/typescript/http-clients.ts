import { ts } from 'ts-morph';
import type { FileContext, Scope } from './context.js';
import { followValue, unwrapExpression } from './follow.js';
import { HTTP_METHODS } from '../common/http-methods.js';
import type { HttpCall } from './http-call.js';
import { methodFromOptions, optionValue } from './options.js';
import { resolveConstantString, type ResolveState } from './resolve-string.js';

/** Module names of the HTTP clients recognised by their module, with a pattern that finds the name in source text. */
const CLIENT_MODULES: ReadonlyArray<[string, RegExp]> = [
  ['axios', /\baxios\b/],
  ['got', /\bgot\b/],
  ['ky', /\bky\b/],
];

/**
 * Returns the client modules named anywhere in `files` (the program of one scanned file): in an
 * import, a `require`, or as an identifier. A client instance made in another file is still
 * found, because that file is in the program when the scanned file imports it.
 */
export function namedClientModules(files: readonly ts.SourceFile[]): Set<string> {
  return new Set(CLIENT_MODULES.filter(([, pattern]) => files.some((file) => pattern.test(file.text))).map(([name]) => name));
}

/** Globals that carry `fetch` in browsers, workers and Node. */
const FETCH_OWNERS = new Set(['window', 'globalThis', 'self', 'global']);

/** Shorthand methods of axios, got and ky, and whether the request data is the second argument. */
const SHORTHAND_METHODS: Readonly<Record<string, { method: string; dataArgument: boolean }>> = {
  get: { method: 'GET', dataArgument: false },
  delete: { method: 'DELETE', dataArgument: false },
  head: { method: 'HEAD', dataArgument: false },
  options: { method: 'OPTIONS', dataArgument: false },
  post: { method: 'POST', dataArgument: true },
  put: { method: 'PUT', dataArgument: true },
  patch: { method: 'PATCH', dataArgument: true },
  postForm: { method: 'POST', dataArgument: true },
  putForm: { method: 'PUT', dataArgument: true },
  patchForm: { method: 'PATCH', dataArgument: true },
};

function withBody(call: HttpCall, body: { expression: ts.Expression; scope: Scope } | undefined): HttpCall {
  return body ? { ...call, body } : call;
}

/** `fetch(url, init)`, `window.fetch(...)`, `globalThis.fetch(...)` and `new Request(url, init)`. */
export function recognizeFetch(
  node: ts.CallExpression | ts.NewExpression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
): HttpCall | undefined {
  const callee = unwrapExpression(node.expression);
  const isFetch = ts.isCallExpression(node)
    ? (ts.isIdentifier(callee) && callee.text === 'fetch') ||
      (ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 'fetch' &&
        ts.isIdentifier(callee.expression) &&
        FETCH_OWNERS.has(callee.expression.text))
    : ts.isIdentifier(callee) && callee.text === 'Request';
  const url = node.arguments?.[0];
  if (!isFetch || !url) {
    return undefined;
  }
  const init = node.arguments?.[1];
  const method = methodFromOptions(init, ctx, scope, state, 'GET');
  return withBody({ node, url, scope, method }, optionValue(init, ['body'], ctx, scope, state));
}

/** True when a name is bound to an import or `require()` of the module, or simply has its name. */
function isModuleName(node: ts.Expression, moduleName: string, ctx: FileContext): boolean {
  if (!ts.isIdentifier(node)) {
    return false;
  }
  if (node.text === moduleName) {
    return true;
  }
  const symbol = ctx.checker.getSymbolAtLocation(node);
  for (const declaration of symbol?.declarations ?? []) {
    let current: ts.Node | undefined = declaration;
    while (current && !ts.isImportDeclaration(current) && !ts.isVariableDeclaration(current) && !ts.isSourceFile(current)) {
      current = current.parent;
    }
    if (current && ts.isImportDeclaration(current) && ts.isStringLiteral(current.moduleSpecifier)) {
      return current.moduleSpecifier.text === moduleName;
    }
    if (current && ts.isVariableDeclaration(current) && current.initializer) {
      const init = unwrapExpression(current.initializer);
      const call = ts.isPropertyAccessExpression(init) ? unwrapExpression(init.expression) : init;
      if (ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'require') {
        const specifier = call.arguments[0];
        return specifier !== undefined && ts.isStringLiteral(specifier) && specifier.text === moduleName;
      }
    }
  }
  return false;
}

/**
 * Returns the base URL of an HTTP client object: undefined (with `isClient`) for the module itself,
 * or the `baseURL`/`prefixUrl` of an instance made by `create()`/`extend()`.
 */
function clientOf(
  target: ts.Expression,
  moduleName: string,
  baseKey: string,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
): { isClient: boolean; baseUrl?: string } {
  const node = unwrapExpression(target);
  if (isModuleName(node, moduleName, ctx)) {
    return { isClient: true };
  }
  const followed = followValue(node, ctx, scope, state, 0);
  const created = followed ? unwrapExpression(followed.expression) : undefined;
  if (!created || !ts.isCallExpression(created)) {
    return { isClient: false };
  }
  const factory = unwrapExpression(created.expression);
  if (
    !ts.isPropertyAccessExpression(factory) ||
    !['create', 'extend'].includes(factory.name.text) ||
    !isModuleName(unwrapExpression(factory.expression), moduleName, ctx)
  ) {
    return { isClient: false };
  }
  const base = optionValue(created.arguments[0], [baseKey], ctx, followed?.scope ?? scope, state);
  const baseUrl = base ? resolveConstantString(base.expression, ctx, base.scope, state) : undefined;
  return baseUrl ? { isClient: true, baseUrl } : { isClient: true };
}

/**
 * axios: `axios(url, config)`, `axios(config)`, `axios.request(config)`, the shorthand methods,
 * and the same on instances from `axios.create({ baseURL })`.
 */
export function recognizeAxios(node: ts.CallExpression, ctx: FileContext, scope: Scope, state: ResolveState): HttpCall | undefined {
  const callee = unwrapExpression(node.expression);
  const [first, second, third] = node.arguments;
  if (!first || !ctx.clientModules.has('axios')) {
    return undefined;
  }
  const fromConfig = (config: ts.Expression, client: { baseUrl?: string }): HttpCall | undefined => {
    const url = optionValue(config, ['url'], ctx, scope, state);
    if (!url) {
      return undefined;
    }
    const call: HttpCall = { node, url: url.expression, scope: url.scope, method: methodFromOptions(config, ctx, scope, state, 'GET') };
    if (client.baseUrl) {
      call.baseUrlIfRelative = client.baseUrl;
    }
    return withBody(call, optionValue(config, ['data'], ctx, scope, state));
  };

  const direct = clientOf(callee, 'axios', 'baseURL', ctx, scope, state);
  if (direct.isClient) {
    const isConfigOnly = !second && optionValue(first, ['url'], ctx, scope, state) !== undefined;
    if (isConfigOnly) {
      return fromConfig(first, direct);
    }
    const call: HttpCall = { node, url: first, scope, method: methodFromOptions(second, ctx, scope, state, 'GET') };
    if (direct.baseUrl) {
      call.baseUrlIfRelative = direct.baseUrl;
    }
    return withBody(call, optionValue(second, ['data'], ctx, scope, state));
  }

  if (!ts.isPropertyAccessExpression(callee)) {
    return undefined;
  }
  const client = clientOf(callee.expression, 'axios', 'baseURL', ctx, scope, state);
  if (!client.isClient) {
    return undefined;
  }
  const name = callee.name.text;
  if (name === 'request') {
    return fromConfig(first, client);
  }
  const shorthand = Object.hasOwn(SHORTHAND_METHODS, name) ? SHORTHAND_METHODS[name] : undefined;
  if (!shorthand) {
    return undefined;
  }
  const call: HttpCall = { node, url: first, scope, method: shorthand.method };
  if (client.baseUrl) {
    call.baseUrlIfRelative = client.baseUrl;
  }
  if (shorthand.dataArgument && second) {
    call.body = { expression: second, scope };
  }
  const config = shorthand.dataArgument ? third : second;
  const configData = shorthand.dataArgument ? undefined : optionValue(config, ['data'], ctx, scope, state);
  return withBody(call, configData);
}

/** got and ky: `got(url, { method, json })` and `got.post(url, { json })`, the same for ky. */
export function recognizeGotOrKy(node: ts.CallExpression, ctx: FileContext, scope: Scope, state: ResolveState): HttpCall | undefined {
  const callee = unwrapExpression(node.expression);
  const [url, options] = node.arguments;
  if (!url) {
    return undefined;
  }
  for (const moduleName of ['got', 'ky'].filter((name) => ctx.clientModules.has(name))) {
    const bodyKeys = ['json', 'body', 'form'];
    const direct = clientOf(callee, moduleName, 'prefixUrl', ctx, scope, state);
    let method: string | null | undefined;
    let baseUrl = direct.baseUrl;
    if (direct.isClient) {
      method = methodFromOptions(options, ctx, scope, state, 'GET');
    } else if (ts.isPropertyAccessExpression(callee) && Object.hasOwn(SHORTHAND_METHODS, callee.name.text)) {
      const client = clientOf(callee.expression, moduleName, 'prefixUrl', ctx, scope, state);
      if (client.isClient) {
        method = SHORTHAND_METHODS[callee.name.text]?.method;
        baseUrl = client.baseUrl;
      }
    }
    if (method === undefined) {
      continue;
    }
    const call: HttpCall = { node, url, scope, method };
    if (baseUrl) {
      call.baseUrlIfRelative = baseUrl;
    }
    return withBody(call, optionValue(options, bodyKeys, ctx, scope, state));
  }
  return undefined;
}

/**
 * `xhr.open(method, url)`, recognised by a first argument that names an HTTP method. The body is
 * the argument of the only `xhr.send(arg)` on the same variable in the same function.
 */
export function recognizeXhrOpen(node: ts.CallExpression, ctx: FileContext, scope: Scope, state: ResolveState): HttpCall | undefined {
  const callee = unwrapExpression(node.expression);
  const [methodArgument, url] = node.arguments;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'open' || !methodArgument || !url) {
    return undefined;
  }
  const method = resolveConstantString(methodArgument, ctx, scope, state)?.trim().toUpperCase();
  if (!method || !HTTP_METHODS.has(method)) {
    return undefined;
  }
  const call: HttpCall = { node, url, scope, method };
  const target = unwrapExpression(callee.expression);
  if (!ts.isIdentifier(target)) {
    return call;
  }
  const sendArguments = sendArgumentsFor(target, ctx);
  const only = sendArguments.length === 1 ? sendArguments[0] : undefined;
  return only ? { ...call, body: { expression: only, scope } } : call;
}

function sendArgumentsFor(target: ts.Identifier, ctx: FileContext): ts.Expression[] {
  const symbol = ctx.checker.getSymbolAtLocation(target);
  let container: ts.Node = target;
  while (container.parent && !ts.isFunctionLike(container) && !ts.isSourceFile(container)) {
    container = container.parent;
  }
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      const argument = node.arguments[0];
      if (
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 'send' &&
        argument &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === target.text &&
        ctx.checker.getSymbolAtLocation(callee.expression) === symbol
      ) {
        found.push(argument);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(container, visit);
  return found;
}
