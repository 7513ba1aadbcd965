import type { Node } from 'web-tree-sitter';
import type { CallSite, SdkChainLink } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';
import { ResolveState } from '../common/resolve-state.js';
import { guard } from '../common/guard.js';
import { SiteCollector } from '../common/site-collector.js';
import { readPhpBody } from './body.js';
import { recognizeClientCall, recognizeCurlCall, type PhpRequest } from './http.js';
import { argumentValues, PhpResolver, type PhpFileIndex } from './resolve.js';
import { nodeAnchor } from '../tree-sitter/node-anchor.js';
import { joinedLinkArgument } from '../common/sdk-chain.js';

const MEMBER_CALLS = new Set(['member_call_expression', 'nullsafe_member_call_expression', 'scoped_call_expression']);
const MEMBER_ACCESS = new Set(['member_access_expression', 'nullsafe_member_access_expression']);
const STRING_NODES = new Set(['string', 'encapsed_string', 'heredoc', 'nowdoc']);
/** Graph SDK request builder methods that send the request. */
const SDK_VERBS = new Set(['get', 'post', 'patch', 'put', 'delete']);
/** Functions whose result is the text of their string arguments, so a loose string climbs through them. */
const STRING_FUNCTIONS = new Set(['sprintf', 'rtrim', 'ltrim', 'trim', 'strval']);
const MAX_LINKS = 64;

interface PhpLink {
  name: string;
  nameNode: Node;
  args?: Node[];
  node: Node;
}

function continuesChain(node: Node): boolean {
  const parent = node.parent;
  return !!parent && (MEMBER_CALLS.has(parent.type) || MEMBER_ACCESS.has(parent.type)) && parent.childForFieldName('object')?.id === node.id;
}

/** Links of `$client->a()->b('x')->c()` after the receiver variable, first link first. */
function flattenChain(end: Node): PhpLink[] {
  const links: PhpLink[] = [];
  let current: Node | null = end;
  while (current && links.length < MAX_LINKS && (MEMBER_CALLS.has(current.type) || MEMBER_ACCESS.has(current.type))) {
    const nameNode = current.childForFieldName('name');
    if (!nameNode) {
      break;
    }
    const args = MEMBER_CALLS.has(current.type) ? argumentValues(current) : undefined;
    links.unshift({ name: nameNode.text, nameNode, node: current, ...(args ? { args } : {}) });
    current = current.childForFieldName('object') ?? current.childForFieldName('scope');
  }
  return links;
}

/** Extracts the call sites of one parsed PHP file: requests, SDK chains, loose strings and comments. */
export function extractPhpFile(root: Node, index: PhpFileIndex, signatures: readonly string[], language: string): CallSite[] {
  const resolver = new PhpResolver(index);
  const collector = new SiteCollector(language, signatures);
  const chainEnds: Node[] = [];
  const functionCalls: Node[] = [];
  const strings: Node[] = [];
  const comments: Node[] = [];
  walk(root, (node) => {
    if ((MEMBER_CALLS.has(node.type) || MEMBER_ACCESS.has(node.type)) && !continuesChain(node)) {
      chainEnds.push(node);
    } else if (node.type === 'function_call_expression') {
      functionCalls.push(node);
    } else if (STRING_NODES.has(node.type)) {
      strings.push(node);
    } else if (node.type === 'comment') {
      comments.push(node);
      return false;
    }
    return undefined;
  });

  const report = (request: PhpRequest, anchor: Node): boolean => {
    const state = new ResolveState();
    const parts = resolver.resolve(request.url, state);
    const body = request.body ? readPhpBody(request.body, resolver) : undefined;
    return collector.addRequest(parts, request.method, state, nodeAnchor(anchor), body);
  };
  const sdkCandidates: PhpLink[][] = [];
  for (const end of chainEnds) {
    guard(() => {
      const links = flattenChain(end);
      // A Guzzle call may sit anywhere in a chain (`$client->post(...)->getBody()`).
      const clientCall = links.map((link) => (MEMBER_CALLS.has(link.node.type) ? recognizeClientCall(link.node) : undefined)).find((request) => request);
      if (!clientCall || !report(clientCall, end)) {
        sdkCandidates.push(links);
      }
    });
  }
  for (const call of functionCalls) {
    guard(() => {
      const request = recognizeCurlCall(call);
      if (request) {
        report(request, call);
      }
    });
  }
  for (const links of sdkCandidates) {
    guard(() => readSdkChain(links, resolver, collector));
  }
  collector.addLooseStrings(strings, {
    isValue: () => true,
    outermost: outermostStringExpression,
    resolve: (expression, state) => resolver.resolve(expression, state),
    anchor: nodeAnchor,
  });
  collector.addComments(comments);
  return collector.sorted();
}

function readSdkChain(links: PhpLink[], resolver: PhpResolver, collector: SiteCollector): void {
  if (links.length < 2) {
    return;
  }
  const state = new ResolveState();
  const sdkLinks: SdkChainLink[] = links.map((link) => {
    const sdkLink: SdkChainLink = { name: link.name, offset: link.nameNode.startIndex };
    const first = link.args?.[0];
    if (first) {
      sdkLink.argument = joinedLinkArgument(resolver.resolve(first, state), first);
    }
    return sdkLink;
  });
  const verb = links.find((link) => SDK_VERBS.has(link.name) && link.args !== undefined);
  const bodyArgument = verb && verb.name !== 'get' && verb.name !== 'delete' ? verb.args?.[0] : undefined;
  const body = bodyArgument ? readPhpBody(bodyArgument, resolver) : undefined;
  collector.addSdkChain(sdkLinks, state, nodeAnchor(links.at(-1)!.node), body);
}

/** Climbs from a string to the whole expression that builds the value (`$a . 'x'`, `sprintf`). */
function outermostStringExpression(node: Node): Node {
  let current = node;
  for (let steps = 0; steps < 64; steps++) {
    const parent = current.parent;
    if (!parent) {
      break;
    }
    if ((parent.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '.') || parent.type === 'parenthesized_expression') {
      current = parent;
    } else if (parent.type === 'argument' && parent.parent?.parent?.type === 'function_call_expression') {
      const call = parent.parent.parent;
      const name = call.childForFieldName('function')?.text.toLowerCase() ?? '';
      if (!STRING_FUNCTIONS.has(name)) {
        break;
      }
      current = call;
    } else {
      break;
    }
  }
  return current;
}
