import type { Node } from 'web-tree-sitter';
import type { GoResolver } from './resolve.js';
import { argumentsOf, calleeParts, MAX_ANCESTORS, unwrap } from './syntax.js';

/** A recognised request: where its URL, method and body come from. */
export interface GoRequest {
  node: Node;
  url: Node;
  method: string | null;
  body?: Node;
}

/** Methods of net/http clients and of resty requests, by Go method name. */
const CLIENT_VERBS: Readonly<Record<string, string>> = {
  Get: 'GET',
  Head: 'HEAD',
  Post: 'POST',
  PostForm: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
};

/** Reads `http.MethodPost` or a string constant such as `"POST"` as an upper-case method. */
export function readMethod(expression: Node, resolver: GoResolver): string | null {
  const node = unwrap(expression);
  if (node.type === 'selector_expression') {
    const field = node.childForFieldName('field')?.text ?? '';
    if (node.childForFieldName('operand')?.text === 'http' && field.startsWith('Method')) {
      return field.slice('Method'.length).toUpperCase();
    }
  }
  const value = resolver.constant(node);
  return value ? value.toUpperCase() : null;
}

/** The calls of a method chain below `call` (`client.R().SetBody(b)` for `.Post(url)`), nearest first. */
function chainCalls(call: Node): Node[] {
  const calls: Node[] = [];
  let current = call.childForFieldName('function')?.childForFieldName('operand') ?? null;
  for (let i = 0; current && i < MAX_ANCESTORS; i += 1) {
    current = unwrap(current);
    if (current.type === 'call_expression') {
      calls.push(current);
      current = current.childForFieldName('function')?.childForFieldName('operand') ?? null;
    } else if (current.type === 'selector_expression') {
      current = current.childForFieldName('operand');
    } else {
      break;
    }
  }
  return calls;
}

/**
 * Recognises `http.NewRequest(method, url, body)`, `http.NewRequestWithContext(ctx, method, url,
 * body)`, `http.Get/Post/Head/PostForm`, the same methods on a client value, and resty requests
 * (`client.R().SetBody(b).Post(url)`).
 */
export function recognizeRequest(call: Node, resolver: GoResolver): GoRequest | undefined {
  const { operand, name } = calleeParts(call);
  const args = argumentsOf(call);
  if (!name || !operand) {
    return undefined;
  }
  if (operand.text === 'http' && (name === 'NewRequest' || name === 'NewRequestWithContext')) {
    const [method, url, body] = name === 'NewRequest' ? args : args.slice(1);
    if (!method || !url) {
      return undefined;
    }
    const request: GoRequest = { node: call, url, method: readMethod(method, resolver) };
    if (body && body.type !== 'nil') {
      request.body = body;
    }
    return request;
  }
  if (!Object.hasOwn(CLIENT_VERBS, name) || !args[0]) {
    return undefined;
  }
  const method = CLIENT_VERBS[name]!;
  const request: GoRequest = { node: call, url: args[0], method };
  const chain = chainCalls(call);
  if (chain.some((inner) => calleeParts(inner).name === 'R')) {
    // resty: the body comes from `.SetBody(x)` earlier in the chain.
    const setBody = chain.find((inner) => calleeParts(inner).name === 'SetBody');
    const body = setBody ? argumentsOf(setBody)[0] : undefined;
    if (body) {
      request.body = body;
    }
    return request;
  }
  // net/http: Post(url, contentType, body); PostForm(url, values).
  const body = name === 'Post' ? args[2] : name === 'PostForm' ? args[1] : undefined;
  if (body && body.type !== 'nil') {
    request.body = body;
  }
  return request;
}

/** The base URL a resty client sets with `SetBaseURL` or `SetHostURL`, when the file sets exactly one. */
export function findRestyBase(root: Node, resolver: GoResolver): string | undefined {
  const values: string[] = [];
  for (const call of root.descendantsOfType('call_expression')) {
    const name = call ? calleeParts(call).name : undefined;
    const argument = call && (name === 'SetBaseURL' || name === 'SetHostURL') ? argumentsOf(call)[0] : undefined;
    const value = argument ? resolver.constant(argument) : undefined;
    if (value) {
      values.push(value);
    }
  }
  return new Set(values).size === 1 ? values[0] : undefined;
}
