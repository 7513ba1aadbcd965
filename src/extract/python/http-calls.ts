import type { Node } from 'web-tree-sitter';
import { unwrap, type PyContext } from './context.js';
import { calleeName, keywordArgument, positionalArguments, resolveParts, resolveText, type ResolveState } from './resolve.js';
import { dottedNames, type Binding } from './scopes.js';
import { bodyArgument } from './body.js';
import { literalText } from '../common/resolve-state.js';

/** Method names of requests, httpx and aiohttp that send one HTTP method. */
const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** Modules whose functions send requests directly (`requests.get`, `httpx.post`). */
const HTTP_MODULES = new Set(['requests', 'httpx']);

/** Constructors of session and client objects: `requests.Session()`, `httpx.AsyncClient()`, `aiohttp.ClientSession()`. */
const CLIENT_CONSTRUCTORS = new Set(['Session', 'session', 'Client', 'AsyncClient', 'ClientSession']);

/** Receiver names that read as an HTTP client when the code does not show where it comes from. */
const CLIENT_NAME = /(session|client|http)$/i;

/** A recognised HTTP request, before its URL is turned into parts. */
export interface PyHttpCall {
  node: Node;
  url: Node;
  method: string | null;
  body?: Node;
  /** Base URL of the client object, when the code sets one (`httpx.Client(base_url=...)`). */
  baseUrl?: string;
}

/** The kind of receiver of `x.get(...)`: an HTTP module or client object, and its base URL. */
interface Receiver {
  isHttp: boolean;
  baseUrl?: string;
}

function clientFromConstructor(value: Node, ctx: PyContext, state: ResolveState): Receiver | undefined {
  const node = unwrap(value);
  if (node.type !== 'call') {
    return undefined;
  }
  const name = calleeName(node);
  if (!name || !CLIENT_CONSTRUCTORS.has(name)) {
    return undefined;
  }
  const base = keywordArgument(node, 'base_url');
  const baseUrl = base ? literalText(resolveParts(base, ctx, state)) : undefined;
  return baseUrl ? { isHttp: true, baseUrl } : { isHttp: true };
}

function fromBinding(binding: Binding | undefined, ctx: PyContext, state: ResolveState, name: string): Receiver {
  if (binding?.value) {
    return clientFromConstructor(binding.value, ctx, state) ?? { isHttp: false };
  }
  if (binding?.annotation && /\b(Session|Client|AsyncClient|ClientSession)\b/.test(binding.annotation.text)) {
    return { isHttp: true };
  }
  return { isHttp: CLIENT_NAME.test(name) };
}

/** Decides whether `receiver.verb(...)` is an HTTP request, and which base URL the receiver adds. */
function readReceiver(receiver: Node, ctx: PyContext, state: ResolveState): Receiver {
  const node = unwrap(receiver);
  if (node.type === 'call') {
    // `requests.Session().get(url)` or `httpx.Client(base_url=...).post(...)`.
    return clientFromConstructor(node, ctx, state) ?? { isHttp: false };
  }
  const names = dottedNames(node);
  if (!names) {
    return { isHttp: false };
  }
  if (names.length === 1) {
    const name = names[0]!;
    if (HTTP_MODULES.has(name) && !ctx.scopes.lookup(name, node)) {
      return { isHttp: true };
    }
    return fromBinding(ctx.scopes.lookup(name, node), ctx, state, name);
  }
  if (names.length === 2 && (names[0] === 'self' || names[0] === 'cls')) {
    return fromBinding(ctx.scopes.lookupSelf(names[1]!, node), ctx, state, names[1]!);
  }
  return { isHttp: false };
}

/**
 * Recognises `requests.<verb>(url)`, `httpx.<verb>(url)`, `requests.request(method, url)` and
 * the same methods on session and client objects (requests, httpx, aiohttp). Returns undefined
 * for any other call.
 */
export function recognizeHttpCall(call: Node, ctx: PyContext, state: ResolveState): PyHttpCall | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute') {
    return undefined;
  }
  const verb = callee.childForFieldName('attribute')?.text;
  const receiverNode = callee.childForFieldName('object');
  if (!verb || !receiverNode || !(VERBS.has(verb) || verb === 'request')) {
    return undefined;
  }
  const receiver = readReceiver(receiverNode, ctx, state);
  if (!receiver.isHttp) {
    return undefined;
  }
  const args = positionalArguments(call);
  let method: string | null;
  let url: Node | undefined;
  if (verb === 'request') {
    const methodNode = keywordArgument(call, 'method') ?? args[0];
    const methodText = methodNode ? resolveText(methodNode, ctx, state) : undefined;
    method = methodText ? methodText.toUpperCase() : null;
    url = keywordArgument(call, 'url') ?? (keywordArgument(call, 'method') ? args[0] : args[1]);
  } else {
    method = verb.toUpperCase();
    url = keywordArgument(call, 'url') ?? args[0];
  }
  if (!url) {
    return undefined;
  }
  const found: PyHttpCall = { node: call, url, method };
  const body = bodyArgument(call);
  if (body) {
    found.body = body;
  }
  if (receiver.baseUrl) {
    found.baseUrl = receiver.baseUrl;
  }
  return found;
}
