import type { Node } from 'web-tree-sitter';
import type { Chain, ChainLink } from './chain.js';

/** A recognised HTTP request: where its URL and body expressions are, and the method it sends. */
export interface JavaRequest {
  url: Node;
  method: string | null;
  body?: Node;
}

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/** Spring `RestTemplate` methods: the method each sends and the index of its body argument. */
const REST_TEMPLATE: Readonly<Record<string, { method: string | null; body?: number }>> = {
  getForObject: { method: 'GET' },
  getForEntity: { method: 'GET' },
  postForObject: { method: 'POST', body: 1 },
  postForEntity: { method: 'POST', body: 1 },
  postForLocation: { method: 'POST', body: 1 },
  patchForObject: { method: 'PATCH', body: 1 },
  put: { method: 'PUT', body: 1 },
  delete: { method: 'DELETE' },
  exchange: { method: null, body: 2 },
};

/** Reads `HttpMethod.POST`, `"POST"` or `RequestMethod.POST` as an upper-case method. */
export function methodName(node: Node | undefined): string | null {
  if (!node) {
    return null;
  }
  const text = node.text.replace(/^"|"$/g, '');
  const last = text.split('.').pop()?.toUpperCase() ?? '';
  return VERBS.includes(last) ? last : null;
}

/**
 * Recognises a request in a whole chain: java.net.http `HttpRequest.newBuilder(uri)` with
 * `.uri()`/`.GET()`/`.POST(body)`/`.method(name, body)`, OkHttp `new Request.Builder().url(u)`,
 * Spring `RestTemplate` and `WebClient`. Returns undefined for any other chain.
 */
export function recognizeJavaRequest(chain: Chain): JavaRequest | undefined {
  const { links, receiver } = chain;
  const builderAt = links.findIndex((link) => link.name === 'newBuilder');
  if (builderAt !== -1 && (builderAt > 0 || /HttpRequest$/.test(receiver?.text ?? ''))) {
    return builderRequest(links.slice(builderAt), 'uri', 'GET');
  }
  if (receiver?.type === 'object_creation_expression' && /\bRequest\.Builder\b|^Builder$/.test(receiver.childForFieldName('type')?.text ?? '')) {
    return builderRequest(links, 'url', 'GET');
  }
  return restTemplateRequest(chain) ?? webClientRequest(links);
}

/** A builder chain: the URL from `first(url)` or the URL link, the method from the verb link. */
function builderRequest(links: ChainLink[], urlLink: string, defaultMethod: string): JavaRequest | undefined {
  let url = links[0]?.name === 'newBuilder' ? links[0].args?.[0] : undefined;
  let method: string | null = defaultMethod;
  let body: Node | undefined;
  for (const link of links) {
    if (link.name === urlLink && link.args?.[0]) {
      url = link.args[0];
    } else if (VERBS.includes(link.name.toUpperCase()) && link.args) {
      method = link.name.toUpperCase();
      body = link.args[0];
    } else if (link.name === 'method' && link.args?.[0]) {
      method = methodName(link.args[0]);
      body = link.args[1];
    }
  }
  return url ? { url, method, ...(body ? { body } : {}) } : undefined;
}

function restTemplateRequest(chain: Chain): JavaRequest | undefined {
  const last = chain.links.at(-1);
  const receiverName = chain.links.length >= 2 ? chain.links.at(-2)!.name : (chain.receiver?.text ?? '');
  if (!last?.args?.[0] || !Object.hasOwn(REST_TEMPLATE, last.name)) {
    return undefined;
  }
  // `put` and `delete` are common names: only a receiver named like a RestTemplate counts.
  if (!/rest|template/i.test(receiverName)) {
    return undefined;
  }
  const spec = REST_TEMPLATE[last.name]!;
  const method = last.name === 'exchange' ? methodName(last.args[1]) : spec.method;
  const body = spec.body !== undefined ? last.args[spec.body] : undefined;
  return { url: last.args[0], method, ...(body ? { body } : {}) };
}

/** `webClient.post().uri(url).bodyValue(body)` or `.method(HttpMethod.PATCH).uri(url)`. */
function webClientRequest(links: ChainLink[]): JavaRequest | undefined {
  const uriAt = links.findIndex((link) => link.name === 'uri' && (link.args?.length ?? 0) > 0);
  if (uriAt < 1) {
    return undefined;
  }
  const verb = links[uriAt - 1]!;
  let method: string | null;
  if (verb.name === 'method') {
    method = methodName(verb.args?.[0]);
  } else if (VERBS.includes(verb.name.toUpperCase()) && verb.args?.length === 0) {
    method = verb.name.toUpperCase();
  } else {
    return undefined;
  }
  const bodyLink = links.slice(uriAt + 1).find((link) => link.name === 'bodyValue' || link.name === 'body' || link.name === 'syncBody');
  const body = bodyLink?.args?.[0];
  return { url: links[uriAt]!.args![0]!, method, ...(body ? { body } : {}) };
}
