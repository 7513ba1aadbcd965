import type { Node } from 'web-tree-sitter';
import type { CallSite, SdkChainLink } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';
import { readJavaBody } from './body.js';
import { continuesChain, flattenChain, type Chain } from './chain.js';
import type { ClassConstants, JavaFileIndex } from './file-index.js';
import { recognizeJavaRequest } from './http.js';
import { JavaResolver } from './resolve.js';
import { ResolveState } from '../common/resolve-state.js';
import { guard } from '../common/guard.js';
import { SiteCollector } from '../common/site-collector.js';
import { nodeAnchor } from '../tree-sitter/node-anchor.js';
import { joinedLinkArgument } from '../common/sdk-chain.js';

/** Graph SDK v6 request builder methods that send the request. */
const SDK_VERBS = new Set(['get', 'post', 'patch', 'put', 'delete']);

/** Calls whose result is the text of their string arguments, so a loose string climbs through them. */
const STRING_BUILDERS = new Set(['format', 'formatted', 'concat', 'create', 'valueOf', 'toString', 'trim', 'strip']);

/** Extracts the call sites of one parsed Java file: requests, SDK chains, loose strings and comments. */
export function extractJavaFile(
  root: Node,
  index: JavaFileIndex,
  external: ReadonlyMap<string, ClassConstants>,
  signatures: readonly string[],
  language: string,
): CallSite[] {
  const resolver = new JavaResolver(index, external);
  const collector = new SiteCollector(language, signatures);
  const chainEnds: Node[] = [];
  const strings: Node[] = [];
  const comments: Node[] = [];
  walk(root, (node) => {
    if ((node.type === 'method_invocation' || node.type === 'field_access') && !continuesChain(node)) {
      chainEnds.push(node);
    } else if (node.type === 'string_literal') {
      strings.push(node);
      return false;
    } else if (node.type === 'line_comment' || node.type === 'block_comment') {
      comments.push(node);
      return false;
    }
    return undefined;
  });

  const sdkChains: Chain[] = [];
  for (const end of chainEnds) {
    guard(() => {
      const chain = flattenChain(end);
      const request = recognizeJavaRequest(chain);
      if (!request) {
        sdkChains.push(chain);
        return;
      }
      const state = new ResolveState();
      const parts = resolver.resolve(request.url, state);
      const body = request.body ? readJavaBody(request.body, resolver) : undefined;
      collector.addRequest(parts, request.method, state, nodeAnchor(end), body);
    });
  }
  for (const chain of sdkChains) {
    guard(() => readSdkChain(chain, resolver, collector));
  }
  collector.addLooseStrings(strings, {
    isValue: (node) => !isAnnotationValue(node),
    outermost: outermostStringExpression,
    resolve: (expression, state) => resolver.resolve(expression, state),
    anchor: nodeAnchor,
  });
  collector.addComments(comments);
  return collector.sorted();
}

/** Reports a Graph SDK chain: links after the receiver, provider ids resolved, body from the verb's argument. */
function readSdkChain(chain: Chain, resolver: JavaResolver, collector: SiteCollector): void {
  if (chain.links.length < 2) {
    return;
  }
  const state = new ResolveState();
  const links: SdkChainLink[] = chain.links.map((link) => {
    const sdkLink: SdkChainLink = { name: link.name, offset: link.nameNode.startIndex };
    const first = link.args?.[0];
    if (first && first.type !== 'lambda_expression') {
      sdkLink.argument = joinedLinkArgument(resolver.resolve(first, state), first);
    }
    return sdkLink;
  });
  const verb = chain.links.find((link) => SDK_VERBS.has(link.name) && link.args !== undefined);
  const bodyArgument = verb && verb.name !== 'get' && verb.name !== 'delete' ? verb.args?.[0] : undefined;
  const body = bodyArgument && bodyArgument.type !== 'lambda_expression' ? readJavaBody(bodyArgument, resolver) : undefined;
  const end = chain.links.at(-1)!.node;
  collector.addSdkChain(links, state, nodeAnchor(end), body);
}

/** Strings inside annotations (`@GetMapping("/...")`) describe the service's own routes. */
function isAnnotationValue(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'annotation' || current.type === 'marker_annotation') {
      return true;
    }
    if (current.type.endsWith('_declaration') || current.type === 'block') {
      return false;
    }
  }
  return false;
}

/** Climbs from a string to the whole expression that builds the value (`a + "x"`, `String.format`). */
function outermostStringExpression(node: Node): Node {
  let current = node;
  for (let steps = 0; steps < 64; steps++) {
    const parent = current.parent;
    if (!parent) {
      break;
    }
    if ((parent.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '+') || parent.type === 'parenthesized_expression') {
      current = parent;
    } else if (parent.type === 'argument_list' && parent.parent?.type === 'method_invocation' && STRING_BUILDERS.has(parent.parent.childForFieldName('name')?.text ?? '')) {
      current = parent.parent;
    } else if (parent.type === 'method_invocation' && parent.childForFieldName('object')?.id === current.id && STRING_BUILDERS.has(parent.childForFieldName('name')?.text ?? '')) {
      current = parent;
    } else {
      break;
    }
  }
  return current;
}
