import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { readBody } from './body.js';
import { findRestyBase, recognizeRequest, type GoRequest } from './http.js';
import { GoResolver, ResolveState, type GoFileContext } from './resolve.js';
import { BODY_VERBS, chainTop, cutChain, extendThroughVariables, resolveLinks, verbBody } from './sdk-chain.js';
import { calleeParts, MAX_ANCESTORS, STRING_TYPES, stringValue } from './syntax.js';
import { guard } from '../common/guard.js';
import { ReportedLiterals } from '../common/reported-literals.js';
import { isRelativeUrl } from '../common/url-parts.js';
import { nodeAnchor, nodeKey } from '../tree-sitter/node-anchor.js';
import { namesSignature, sdkChainSite } from '../common/sdk-chain.js';
import { reportLooseStrings, wholeExpressionsFirst } from '../common/loose-strings.js';

/** Calls that build one string from their arguments, so a literal argument is part of a larger value. */
const STRING_BUILDERS = new Set(['fmt.Sprintf', 'fmt.Sprint', 'strings.Join', 'url.JoinPath', 'path.Join']);

function buildsString(call: Node): boolean {
  const { operand, name } = calleeParts(call);
  return operand !== undefined && name !== undefined && STRING_BUILDERS.has(`${operand.text}.${name}`);
}

/** Climbs from a string to the whole expression that builds the value (`a + "x"`, `fmt.Sprintf`). */
function outermostStringExpression(node: Node): Node {
  let current = node;
  for (let i = 0; i < MAX_ANCESTORS; i += 1) {
    const parent = current.parent;
    if (!parent) {
      return current;
    }
    if ((parent.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '+') || parent.type === 'parenthesized_expression') {
      current = parent;
    } else if (parent.type === 'argument_list' && parent.parent?.type === 'call_expression' && buildsString(parent.parent)) {
      current = parent.parent;
    } else if (parent.type === 'literal_element' && parent.parent?.parent?.type === 'composite_literal' && parent.parent.parent.parent?.type === 'argument_list') {
      // An element of `[]string{...}` passed to `strings.Join`.
      const call = parent.parent.parent.parent.parent;
      if (!call || call.type !== 'call_expression' || !buildsString(call)) {
        return current;
      }
      current = call;
    } else {
      return current;
    }
  }
  return current;
}

/**
 * Extracts the call sites of one Go file in passes, so each relevant literal is reported once:
 * Graph SDK chains, then HTTP requests, then relevant strings no reported call used.
 */
export class GoFileExtraction {
  private readonly sites: CallSite[] = [];
  private readonly handled = new Set<string>();
  private readonly literalTexts = new Map<number, string>();
  /** Start offsets of literals that went into a reported call site. */
  private readonly reported: ReportedLiterals<number>;
  private restyBase: string | undefined | null = null;

  constructor(
    private readonly ctx: GoFileContext,
    private readonly signatures: readonly string[],
    private readonly language: string,
  ) {
    this.reported = new ReportedLiterals(signatures, (offset) => this.literalTexts.get(offset) ?? '');
  }

  run(): CallSite[] {
    const strings: Node[] = [];
    const calls: Node[] = [];
    const selectors: Node[] = [];
    for (const node of this.ctx.root.descendantsOfType(['interpreted_string_literal', 'raw_string_literal', 'call_expression', 'selector_expression'])) {
      if (!node) {
        continue;
      }
      if (STRING_TYPES.has(node.type)) {
        // Struct tags are metadata, not values.
        if (node.parent?.type !== 'field_declaration') {
          strings.push(node);
          this.literalTexts.set(node.startIndex, stringValue(node)?.text ?? '');
        }
      } else if (node.type === 'call_expression') {
        calls.push(node);
      } else {
        selectors.push(node);
      }
    }
    guard(() => this.readSdkChains(selectors));
    for (const call of calls) {
      guard(() => this.readRequest(call));
    }
    this.readLooseStrings(strings);
    return this.sites;
  }

  private readSdkChains(selectors: readonly Node[]): void {
    const tops = new Map<string, Node>();
    for (const selector of selectors) {
      const field = selector.childForFieldName('field');
      if (field && namesSignature([{ name: field.text }], this.signatures)) {
        const top = chainTop(selector);
        tops.set(nodeKey(top), top);
        for (const user of chainsUsingVariable(top)) {
          tops.set(nodeKey(user), user);
        }
      }
    }
    const absorbed = new Set<string>();
    const chains = [...tops.values()].map((top) => {
      const state = new ResolveState();
      const resolver = new GoResolver(this.ctx, state);
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
        const verb = chain.links.find((link) => BODY_VERBS.has(link.name));
        const bodyNode = verb ? verbBody(verb) : undefined;
        const body = bodyNode ? readBody(bodyNode, resolver) : undefined;
        this.reported.mark(state.reads);
        this.sites.push(sdkChainSite(this.language, links, nodeAnchor(chain.top), body));
      });
      this.markChainCalls(chain.top);
    }
  }

  private markChainCalls(top: Node): void {
    let current: Node | null = top;
    for (let i = 0; current && i < MAX_ANCESTORS; i += 1) {
      this.handled.add(nodeKey(current));
      current = current.type === 'call_expression' ? current.childForFieldName('function') : current.childForFieldName('operand');
    }
  }

  private readRequest(call: Node): void {
    if (this.handled.has(nodeKey(call))) {
      return;
    }
    const state = new ResolveState();
    const resolver = new GoResolver(this.ctx, state);
    const request = recognizeRequest(call, resolver);
    if (request) {
      this.report(request, resolver, state);
    }
  }

  private report(request: GoRequest, resolver: GoResolver, state: ResolveState): void {
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
      if (this.restyBase === null) {
        this.restyBase = findRestyBase(this.ctx.root, new GoResolver(this.ctx, new ResolveState()));
      }
      if (this.restyBase) {
        site.baseUrl = this.restyBase;
      }
    }
    this.reported.mark(state.reads);
    this.sites.push(site);
  }

  private readLooseStrings(strings: readonly Node[]): void {
    const candidates = new Map<string, Node>();
    for (const node of strings) {
      if (this.reported.has(node.startIndex) || !mentionsSignature(this.literalTexts.get(node.startIndex) ?? '', this.signatures)) {
        continue;
      }
      const outer = outermostStringExpression(node);
      candidates.set(nodeKey(outer), outer);
    }
    const ordered = wholeExpressionsFirst(candidates.values(), (node) => STRING_TYPES.has(node.type), (node) => node.startIndex);
    reportLooseStrings(ordered, {
      language: this.language,
      signatures: this.signatures,
      sites: this.sites,
      reported: this.reported,
      resolve: (expression) => {
        const state = new ResolveState();
        return { parts: new GoResolver(this.ctx, state).parts(expression), reads: state.reads };
      },
      anchor: nodeAnchor,
    });
  }
}

/**
 * For `requests := client.PrivilegedAccess()...`, the tops of the chains in the same block that
 * start from `requests`, so the chain is read up to its verb.
 */
function chainsUsingVariable(top: Node): Node[] {
  const list = top.parent;
  const declaration = list?.parent;
  if (list?.type !== 'expression_list' || (declaration?.type !== 'short_var_declaration' && declaration?.type !== 'assignment_statement')) {
    return [];
  }
  const name = declaration.childForFieldName('left')?.namedChild(0)?.text;
  const block = declaration.parent;
  if (!name || !block) {
    return [];
  }
  return block
    .descendantsOfType('selector_expression')
    .filter((selector): selector is Node => selector !== null && selector.startIndex > top.endIndex && selector.childForFieldName('operand')?.text === name)
    .map((selector) => chainTop(selector));
}
