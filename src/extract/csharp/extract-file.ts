import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { readBody } from './body.js';
import { findBaseAddress, isMessageCreation, readMessage, recognizeClientCall, type HttpRequest } from './http.js';
import { CsResolver, ResolveState, type CsFileContext } from './resolve.js';
import { BODY_VERBS, chainTop, cutChain, extendThroughVariables, resolveLinks } from './sdk-chain.js';
import { isStringNode, plainStringValue, interpolatedPieces } from './strings.js';
import { lastName, MAX_ANCESTORS } from './syntax.js';
import { guard } from '../common/guard.js';
import { ReportedLiterals } from '../common/reported-literals.js';
import { isRelativeUrl } from '../common/url-parts.js';
import { nodeAnchor, nodeKey } from '../tree-sitter/node-anchor.js';
import { namesSignature, sdkChainSite } from '../common/sdk-chain.js';
import { reportLooseStrings, wholeExpressionsFirst } from '../common/loose-strings.js';

/** Literal text of a string node without its interpolations, for the signature test. */
function literalText(node: Node): string {
  const plain = plainStringValue(node);
  if (plain) {
    return plain.text;
  }
  return interpolatedPieces(node)
    .map((piece) => ('literal' in piece ? piece.literal.text : ''))
    .join('');
}

/** Calls that build one string from their arguments, so a literal argument is part of a larger value. */
function buildsString(call: Node): boolean {
  const callee = call.childForFieldName('function');
  const owner = callee?.type === 'member_access_expression' ? callee.childForFieldName('expression')?.text : undefined;
  return owner !== undefined && /^(string|String|System\.String)$/.test(owner) && ['Format', 'Concat', 'Join'].includes(lastName(callee!) ?? '');
}

/** Climbs from a string to the whole expression that builds the value (`a + "x"`, `$"..."`, `string.Format`). */
function outermostStringExpression(node: Node): Node {
  let current = node;
  for (let i = 0; i < MAX_ANCESTORS; i += 1) {
    const parent = current.parent;
    if (!parent) {
      return current;
    }
    if ((parent.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '+') || parent.type === 'parenthesized_expression') {
      current = parent;
    } else if (parent.type === 'interpolation' && parent.parent) {
      current = parent.parent;
    } else if (parent.type === 'argument' && parent.parent?.parent?.type === 'invocation_expression' && buildsString(parent.parent.parent)) {
      current = parent.parent.parent;
    } else {
      return current;
    }
  }
  return current;
}

/**
 * Extracts the call sites of one C# file in passes, so each relevant literal is reported once:
 * Graph SDK chains, then HttpClient requests, then relevant strings no reported call used.
 */
export class CsFileExtraction {
  private readonly sites: CallSite[] = [];
  /** Calls and chain tops already accounted for. */
  private readonly handled = new Set<string>();
  private readonly literalTexts = new Map<number, string>();
  /** Start offsets of literals that went into a reported call site. */
  private readonly reported: ReportedLiterals<number>;

  constructor(
    private readonly ctx: CsFileContext,
    private readonly signatures: readonly string[],
    private readonly language: string,
  ) {
    this.reported = new ReportedLiterals(signatures, (offset) => this.literalTexts.get(offset) ?? '');
  }

  run(): CallSite[] {
    const strings: Node[] = [];
    const invocations: Node[] = [];
    const creations: Node[] = [];
    const members: Node[] = [];
    for (const node of this.ctx.root.descendantsOfType([
      'string_literal',
      'verbatim_string_literal',
      'raw_string_literal',
      'interpolated_string_expression',
      'invocation_expression',
      'object_creation_expression',
      'member_access_expression',
    ])) {
      if (!node) {
        continue;
      }
      if (isStringNode(node)) {
        strings.push(node);
        this.literalTexts.set(node.startIndex, literalText(node));
      } else if (node.type === 'invocation_expression') {
        invocations.push(node);
      } else if (node.type === 'object_creation_expression') {
        creations.push(node);
      } else {
        members.push(node);
      }
    }
    guard(() => this.readSdkChains(members));
    for (const call of invocations) {
      guard(() => this.readClientCall(call));
    }
    for (const creation of creations) {
      guard(() => this.readUnsentMessage(creation));
    }
    this.readLooseStrings(strings);
    return this.sites;
  }

  private readSdkChains(members: readonly Node[]): void {
    const tops = new Map<string, Node>();
    for (const member of members) {
      const name = member.childForFieldName('name');
      if (name && namesSignature([{ name: name.text }], this.signatures)) {
        const top = chainTop(member);
        tops.set(nodeKey(top), top);
        for (const user of chainsUsingVariable(top)) {
          tops.set(nodeKey(user), user);
        }
      }
    }
    const absorbed = new Set<string>();
    const chains = [...tops.values()].map((top) => {
      const state = new ResolveState();
      const resolver = new CsResolver(this.ctx, state);
      const { chain, absorbed: inner } = extendThroughVariables(cutChain(top), resolver);
      for (const node of inner) {
        absorbed.add(nodeKey(chainTop(node)));
      }
      return { chain, resolver, state };
    });
    for (const { chain, resolver, state } of chains) {
      if (absorbed.has(nodeKey(chain.top)) || !namesSignature(chain.links, this.signatures)) {
        continue;
      }
      guard(() => {
        const links = resolveLinks(chain.links, resolver);
        const verb = chain.links.find((link) => BODY_VERBS.has(link.name) && link.argument);
        const body = verb?.argument ? readBody(verb.argument, resolver) : undefined;
        this.reported.mark(state.reads);
        this.sites.push(sdkChainSite(this.language, links, nodeAnchor(chain.top), body));
      });
      this.markChainCalls(chain.top);
    }
  }

  /** Marks every call of a chain as handled, so the HttpClient pass does not read `PostAsync` again. */
  private markChainCalls(top: Node): void {
    let current: Node | null = top;
    for (let i = 0; current && i < MAX_ANCESTORS; i += 1) {
      this.handled.add(nodeKey(current));
      current = current.type === 'invocation_expression' ? current.childForFieldName('function') : current.childForFieldName('expression');
    }
  }

  private readClientCall(call: Node): void {
    if (this.handled.has(nodeKey(call))) {
      return;
    }
    const state = new ResolveState();
    const resolver = new CsResolver(this.ctx, state);
    const request = recognizeClientCall(call, resolver);
    if (!request) {
      return;
    }
    if (request.message) {
      this.handled.add(nodeKey(request.message));
    }
    this.report(request, resolver, state);
  }

  /** Reads a `new HttpRequestMessage(...)` that no `SendAsync` in this file was seen sending. */
  private readUnsentMessage(creation: Node): void {
    if (this.handled.has(nodeKey(creation)) || !isMessageCreation(creation)) {
      return;
    }
    const state = new ResolveState();
    const resolver = new CsResolver(this.ctx, state);
    const request = readMessage(creation, resolver);
    if (request) {
      this.report(request, resolver, state);
    }
  }

  private report(request: HttpRequest, resolver: CsResolver, state: ResolveState): void {
    const parts = resolver.parts(request.url);
    if (!isRelevantUrl(parts, this.signatures)) {
      return;
    }
    const site: CallSite = {
      kind: 'url',
      language: this.language,
      url: parts,
      method: request.method,
      inComment: false,
      confidence: 'high',
      anchor: nodeAnchor(request.node),
    };
    if (request.body) {
      const body = readBody(request.body, resolver);
      if (body) {
        site.body = body;
      }
    }
    if (isRelativeUrl(parts)) {
      const baseUrl = findBaseAddress(request.client, this.ctx.root, resolver);
      if (baseUrl) {
        site.baseUrl = baseUrl;
      }
    }
    this.reported.mark(state.reads);
    this.sites.push(site);
  }

  /** Reports relevant strings that no call used, such as a URL constant passed around. */
  private readLooseStrings(strings: readonly Node[]): void {
    const candidates = new Map<string, Node>();
    for (const node of strings) {
      if (this.reported.has(node.startIndex) || !mentionsSignature(this.literalTexts.get(node.startIndex) ?? '', this.signatures)) {
        continue;
      }
      const outer = outermostStringExpression(node);
      candidates.set(nodeKey(outer), outer);
    }
    // Whole concatenations first, so a constant they use is reported as part of them.
    const ordered = wholeExpressionsFirst(candidates.values(), isStringNode, (node) => node.startIndex);
    reportLooseStrings(ordered, {
      language: this.language,
      signatures: this.signatures,
      sites: this.sites,
      reported: this.reported,
      resolve: (expression) => {
        const state = new ResolveState();
        return { parts: new CsResolver(this.ctx, state).parts(expression), reads: state.reads };
      },
      anchor: nodeAnchor,
    });
  }
}

/**
 * For `var requests = graph.PrivilegedAccess[...]...;`, the tops of the chains in the same block
 * that start from `requests`, so the chain is read up to its verb.
 */
function chainsUsingVariable(top: Node): Node[] {
  const declarator = top.parent;
  const name = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name')?.text : undefined;
  let block = declarator?.parent;
  for (let i = 0; block && block.type !== 'block' && i < 4; i += 1) {
    block = block.parent;
  }
  if (!name || !block) {
    return [];
  }
  return block
    .descendantsOfType('member_access_expression')
    .filter((member): member is Node => member !== null && member.startIndex > top.endIndex && member.childForFieldName('expression')?.text === name)
    .map((member) => chainTop(member));
}
