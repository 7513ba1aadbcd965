import type { Node } from 'web-tree-sitter';
import { walk } from '../tree-sitter/parse.js';
import { argumentValues, enclosingScope, findAssignedValue } from './resolve.js';

/** A recognised HTTP request: its URL and body expressions and the method it sends. */
export interface PhpRequest {
  url: Node;
  method: string | null;
  body?: Node;
}

const VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

/** Guzzle request options that carry the payload, in the order they are tried. */
const PAYLOAD_OPTIONS = ['json', 'body', 'form_params'];

/** Keys that only Guzzle request options use, so an array with them is not itself the payload. */
const OPTION_KEYS = new Set(['json', 'body', 'form_params', 'headers', 'query', 'auth', 'timeout', 'multipart', 'http_errors', 'verify']);

function literalMethod(node: Node | undefined): string | null {
  const text = node?.text.replace(/^['"]|['"]$/g, '').toUpperCase();
  return text && VERBS.has(text) ? text : null;
}

/**
 * Recognises `$client->request('POST', $url, $options)`, `$client->post($url, $options)` (Guzzle,
 * also `...Async`) and `Http::post($url, $data)` (Laravel, where the array is the payload).
 */
export function recognizeClientCall(call: Node): PhpRequest | undefined {
  const name = (call.childForFieldName('name')?.text ?? '').replace(/Async$/, '');
  const args = argumentValues(call);
  if (name.toLowerCase() === 'request' && args.length >= 2) {
    return withOptions({ url: args[1]!, method: literalMethod(args[0]) }, args[2]);
  }
  const verb = name.toUpperCase();
  if (!VERBS.has(verb) || name !== name.toLowerCase() || !args[0]) {
    return undefined;
  }
  return withOptions({ url: args[0], method: verb }, args[1]);
}

function withOptions(request: PhpRequest, options: Node | undefined): PhpRequest {
  if (!options || request.method === 'GET' || request.method === 'DELETE') {
    return request;
  }
  const array = options.type === 'variable_name' ? findAssignedValue(options, options.text) : options;
  if (array?.type !== 'array_creation_expression') {
    return request;
  }
  const entries = new Map<string, Node>();
  for (const element of array.namedChildren) {
    const children = element?.namedChildren.filter((child): child is Node => child !== null) ?? [];
    if (element?.type === 'array_element_initializer' && children.length >= 2) {
      entries.set(children[0]!.text.replace(/^['"]|['"]$/g, ''), children.at(-1)!);
    }
  }
  for (const option of PAYLOAD_OPTIONS) {
    const payload = entries.get(option);
    if (payload) {
      return { ...request, body: payload };
    }
  }
  if (![...entries.keys()].some((key) => OPTION_KEYS.has(key))) {
    return { ...request, body: array };
  }
  return request;
}

/**
 * Recognises a cURL request at `curl_setopt($ch, CURLOPT_URL, $url)`, `curl_setopt_array` or
 * `curl_init($url)`, reading the method and body from the other `curl_setopt` calls on the same
 * handle in the same scope.
 */
export function recognizeCurlCall(call: Node): PhpRequest | undefined {
  const name = call.childForFieldName('function')?.text.toLowerCase().replace(/^\\/, '');
  const args = argumentValues(call);
  let url: Node | undefined;
  let handle: string | undefined;
  if (name === 'curl_setopt' && args[1]?.text === 'CURLOPT_URL' && args[2]) {
    url = args[2];
    handle = args[0]?.text;
  } else if (name === 'curl_init' && args[0]) {
    url = args[0];
    const parent = call.parent;
    handle = parent?.type === 'assignment_expression' ? parent.childForFieldName('left')?.text : undefined;
  } else if (name === 'curl_setopt_array' && args[1]) {
    const options = curlOptionArray(args[1]);
    url = options.get('CURLOPT_URL');
    handle = args[0]?.text;
  }
  if (!url) {
    return undefined;
  }
  const options = handle ? curlOptions(call, handle) : new Map<string, Node>();
  let method: string | null = 'GET';
  const custom = options.get('CURLOPT_CUSTOMREQUEST');
  if (custom) {
    method = literalMethod(custom);
  } else if (options.has('CURLOPT_POST') && !/^(false|0)$/i.test(options.get('CURLOPT_POST')!.text)) {
    method = 'POST';
  } else if (options.has('CURLOPT_PUT')) {
    method = 'PUT';
  }
  const body = options.get('CURLOPT_POSTFIELDS');
  return { url, method, ...(body ? { body } : {}) };
}

function curlOptionArray(node: Node): Map<string, Node> {
  const options = new Map<string, Node>();
  const array = node.type === 'variable_name' ? findAssignedValue(node, node.text) : node;
  for (const element of array?.namedChildren ?? []) {
    const children = element?.namedChildren.filter((child): child is Node => child !== null) ?? [];
    if (element?.type === 'array_element_initializer' && children.length >= 2) {
      options.set(children[0]!.text, children.at(-1)!);
    }
  }
  return options;
}

/** Options set on a cURL handle anywhere in the scope around `call`. */
function curlOptions(call: Node, handle: string): Map<string, Node> {
  const options = new Map<string, Node>();
  const scope = enclosingScope(call);
  if (!scope) {
    return options;
  }
  walk(scope, (node) => {
    if (node.type !== 'function_call_expression') {
      return undefined;
    }
    const name = node.childForFieldName('function')?.text.toLowerCase().replace(/^\\/, '');
    const args = argumentValues(node);
    if (args[0]?.text !== handle) {
      return undefined;
    }
    if (name === 'curl_setopt' && args[1] && args[2]) {
      options.set(args[1].text, args[2]);
    } else if (name === 'curl_setopt_array' && args[1]) {
      for (const [key, value] of curlOptionArray(args[1])) {
        options.set(key, value);
      }
    }
    return undefined;
  });
  return options;
}
