import type { Node } from 'web-tree-sitter';
import type { CsResolver } from './resolve.js';
import { argumentsOf, lastName, MAX_ANCESTORS, namedChildren, unwrap } from './syntax.js';

/** HttpClient methods (and the System.Net.Http.Json extensions) with the method each sends. */
const CLIENT_METHODS: Readonly<Record<string, string>> = {
  GetAsync: 'GET',
  GetStringAsync: 'GET',
  GetByteArrayAsync: 'GET',
  GetStreamAsync: 'GET',
  GetFromJsonAsync: 'GET',
  PostAsync: 'POST',
  PostAsJsonAsync: 'POST',
  PutAsync: 'PUT',
  PutAsJsonAsync: 'PUT',
  PatchAsync: 'PATCH',
  PatchAsJsonAsync: 'PATCH',
  DeleteAsync: 'DELETE',
  DeleteFromJsonAsync: 'DELETE',
};

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** A recognised request: where its URL, method and body come from. */
export interface HttpRequest {
  /** The call or `new HttpRequestMessage(...)` that sends or describes the request. */
  node: Node;
  url: Node;
  method: string | null;
  body?: Node;
  /** The HttpClient expression the request is sent with, for its base address. */
  client?: Node;
  /** The `new HttpRequestMessage(...)` the request came from, so it is not read twice. */
  message?: Node;
}

/** Reads `HttpMethod.Post`, `new HttpMethod("PATCH")` or `HttpMethod.Parse("PATCH")` as an upper-case method. */
export function readHttpMethod(expression: Node, resolver: CsResolver): string | null {
  const node = unwrap(expression);
  if (node.type === 'member_access_expression' && /^(System\.Net\.Http\.)?HttpMethod$/.test(node.childForFieldName('expression')?.text ?? '')) {
    return node.childForFieldName('name')?.text.toUpperCase() ?? null;
  }
  if (node.type === 'object_creation_expression' || node.type === 'invocation_expression') {
    const argument = argumentsOf(node)[0];
    const value = argument ? resolver.constant(argument) : undefined;
    return value ? value.toUpperCase() : null;
  }
  const value = resolver.constant(node);
  return value ? value.toUpperCase() : null;
}

/** Recognises `client.GetAsync(url)`, `client.PostAsJsonAsync(url, body)` and `client.SendAsync(message)`. */
export function recognizeClientCall(call: Node, resolver: CsResolver): HttpRequest | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'member_access_expression') {
    return undefined;
  }
  const name = lastName(callee);
  const client = callee.childForFieldName('expression') ?? undefined;
  const args = argumentsOf(call);
  if (!name || !args[0]) {
    return undefined;
  }
  if (name === 'SendAsync') {
    const message = findMessage(args[0], resolver);
    if (!message) {
      return undefined;
    }
    const described = readMessage(message, resolver);
    return described ? { ...described, node: call, client, message } : undefined;
  }
  if (!Object.hasOwn(CLIENT_METHODS, name)) {
    return undefined;
  }
  const method = CLIENT_METHODS[name]!;
  const request: HttpRequest = { node: call, url: args[0], method, client };
  if (METHODS_WITH_BODY.has(method) && args[1]) {
    request.body = args[1];
  }
  return request;
}

/** Follows a `SendAsync` argument to its `new HttpRequestMessage(...)`. */
function findMessage(argument: Node, resolver: CsResolver): Node | undefined {
  let node = unwrap(argument);
  for (let i = 0; i < 4 && (node.type === 'identifier' || node.type === 'member_access_expression'); i += 1) {
    const followed = resolver.follow(node);
    if (followed?.kind !== 'node') {
      return undefined;
    }
    node = unwrap(followed.expression);
  }
  return isMessageCreation(node) ? node : undefined;
}

export function isMessageCreation(node: Node): boolean {
  const type = node.type === 'object_creation_expression' ? node.childForFieldName('type') : null;
  return type !== null && lastName(type) === 'HttpRequestMessage';
}

/**
 * Reads `new HttpRequestMessage(method, url) { Content = ... }` or the initializer form with
 * `Method`, `RequestUri` and `Content`. A `message.Content = ...` assignment after the
 * declaration also counts.
 */
export function readMessage(creation: Node, resolver: CsResolver): HttpRequest | undefined {
  const args = argumentsOf(creation);
  let method: string | null = args[0] ? readHttpMethod(args[0], resolver) : null;
  let url: Node | undefined = args[1];
  let body: Node | undefined;
  const initializer = namedChildren(creation).find((child) => child.type === 'initializer_expression');
  for (const entry of initializer ? namedChildren(initializer) : []) {
    const left = entry.childForFieldName('left')?.text;
    const right = entry.childForFieldName('right');
    if (entry.type !== 'assignment_expression' || !right) {
      continue;
    }
    if (left === 'Method') {
      method = readHttpMethod(right, resolver);
    } else if (left === 'RequestUri') {
      url = right;
    } else if (left === 'Content') {
      body = right;
    }
  }
  body ??= contentAssignedLater(creation);
  if (!url) {
    return undefined;
  }
  const request: HttpRequest = { node: creation, url, method, message: creation };
  if (body) {
    request.body = body;
  }
  return request;
}

/** For `var message = new HttpRequestMessage(...);`, the value of a later `message.Content = ...` in the same block. */
function contentAssignedLater(creation: Node): Node | undefined {
  const declarator = creation.parent;
  const variable = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name')?.text : undefined;
  let block = declarator?.parent;
  for (let i = 0; block && block.type !== 'block' && i < 4; i += 1) {
    block = block.parent;
  }
  if (!variable || !block) {
    return undefined;
  }
  for (const assignment of block.descendantsOfType('assignment_expression')) {
    const left = assignment?.childForFieldName('left');
    if (assignment && left?.type === 'member_access_expression' && left.text.replace(/\s/g, '') === `${variable}.Content` && assignment.startIndex > creation.endIndex) {
      return assignment.childForFieldName('right') ?? undefined;
    }
  }
  return undefined;
}

/**
 * Finds the base address set on the HttpClient a call uses: `client.BaseAddress = new Uri(...)`
 * in a constructor or method, or `new HttpClient { BaseAddress = new Uri(...) }` assigned to the
 * field, property or variable. The client is matched by its last name (`_http`, `this._http`).
 * NOTE: when no assignment names the client, a file with exactly one base address uses it; a
 * base address set in another file (dependency injection setup) is not found.
 */
export function findBaseAddress(client: Node | undefined, root: Node, resolver: CsResolver): string | undefined {
  const clientName = client ? lastName(unwrap(client)) : undefined;
  const found: { target: string | undefined; value: Node }[] = [];
  for (const assignment of root.descendantsOfType('assignment_expression')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || !left || !right || lastName(left) !== 'BaseAddress') {
      continue;
    }
    let target: string | undefined;
    if (left.type === 'member_access_expression') {
      const owner = left.childForFieldName('expression');
      target = owner ? lastName(owner) : undefined;
    } else {
      target = initializedTarget(assignment);
    }
    found.push({ target, value: right });
  }
  const chosen = found.find((entry) => clientName !== undefined && entry.target === clientName) ?? (found.length === 1 ? found[0] : undefined);
  return chosen ? resolver.constant(chosen.value) : undefined;
}

/** For `BaseAddress = ...` inside `new HttpClient { ... }`, the name the new client is stored in. */
function initializedTarget(assignment: Node): string | undefined {
  let node: Node | null = assignment.parent;
  for (let i = 0; node && i < MAX_ANCESTORS; i += 1) {
    if (node.type === 'variable_declarator') {
      return node.childForFieldName('name')?.text;
    }
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      return left ? lastName(left) : undefined;
    }
    if (node.type === 'property_declaration') {
      return node.childForFieldName('name')?.text;
    }
    if (node.type === 'block' || node.type === 'declaration_list') {
      return undefined;
    }
    node = node.parent;
  }
  return undefined;
}
