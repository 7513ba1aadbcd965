import type { Node } from 'web-tree-sitter';

/** A recognised request: its URL and body expressions and the method it sends. */
export interface RustRequest {
  url: Node;
  method: string | null;
  body?: Node;
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);
/** Request builder methods that set the body. */
const BODY_METHODS = new Set(['json', 'body', 'form', 'send_json', 'send_string']);
/** Crates whose free functions (`reqwest::get(url)`, `ureq::post(url)`) start a request. */
const HTTP_CRATES = /^(reqwest|reqwest::blocking|ureq|surf|isahc|attohttpc)::(get|post|put|patch|delete|head)$/;

function args(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null);
}

/** `Method::PATCH`, `reqwest::Method::POST`, `"PATCH"` as an upper-case method. */
function methodOf(node: Node | undefined): string | null {
  const last = node?.text.replace(/"/g, '').split('::').pop()?.toUpperCase() ?? '';
  return VERBS.has(last.toLowerCase()) ? last : null;
}

/**
 * Recognises `client.get(url)`, `client.post(url).json(&body)`, `client.request(Method::PATCH, url)`
 * (reqwest and similar builders) and `reqwest::get(url)` / `ureq::post(url)`. The body comes from
 * `.json()`, `.body()`, `.form()` or `.send_json()` later in the same chain.
 */
export function recognizeRustRequest(call: Node): RustRequest | undefined {
  const callee = call.childForFieldName('function');
  const callArgs = args(call);
  let request: RustRequest | undefined;
  if (callee?.type === 'field_expression') {
    const name = callee.childForFieldName('field')?.text ?? '';
    if (VERBS.has(name) && callArgs.length === 1) {
      request = { url: callArgs[0]!, method: name.toUpperCase() };
    } else if (name === 'request' && callArgs.length === 2) {
      request = { url: callArgs[1]!, method: methodOf(callArgs[0]) };
    }
  } else if (callee?.type === 'scoped_identifier' && HTTP_CRATES.test(callee.text.replace(/\s/g, '')) && callArgs.length === 1) {
    request = { url: callArgs[0]!, method: callee.text.split('::').pop()!.toUpperCase() };
  }
  if (!request) {
    return undefined;
  }
  const body = chainedBody(call);
  return body ? { ...request, body } : request;
}

/** The argument of a body method called later in the chain that starts at `call`. */
function chainedBody(call: Node): Node | undefined {
  let current = call;
  for (let steps = 0; steps < 32; steps++) {
    const access = current.parent;
    const next = access?.parent;
    if (access?.type === 'try_expression' || access?.type === 'await_expression') {
      current = access;
      continue;
    }
    if (access?.type !== 'field_expression' || next?.type !== 'call_expression' || access.childForFieldName('value')?.id !== current.id) {
      return undefined;
    }
    if (BODY_METHODS.has(access.childForFieldName('field')?.text ?? '')) {
      return args(next)[0];
    }
    current = next;
  }
  return undefined;
}
