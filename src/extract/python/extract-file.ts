import type { Node } from 'web-tree-sitter';
import type { CallSite, UrlPart } from '../../model/call-site.js';
import { collectNodes } from '../tree-sitter/collect.js';
import { commentTextSites } from '../common/comment-text-sites.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { readBody } from './body.js';
import { recognizeAzRest } from './commands.js';
import { unwrap, type PyContext } from './context.js';
import { recognizeHttpCall, type PyHttpCall } from './http-calls.js';
import { calleeName, ResolveState, resolveParts } from './resolve.js';
import { readSdkChain } from './sdk-chain.js';
import { HelperRequests } from './helpers.js';
import { followBindings, isNone } from './parameters.js';
import { plainText } from './strings.js';
import { guard } from '../common/guard.js';
import { ReportedLiterals } from '../common/reported-literals.js';
import { nodeAnchor } from '../tree-sitter/node-anchor.js';
import { reportLooseStrings, wholeExpressionsFirst } from '../common/loose-strings.js';

const LANGUAGE = 'python';

/** Calls, strings, comments and docstrings of one file, gathered in one walk. */
interface FileNodes {
  calls: Node[];
  strings: Node[];
  comments: Node[];
  docstrings: Node[];
}

/** Node types `gatherNodes` reads; an import's names and a docstring's parts are skipped. */
const GATHERED_TYPES = ['call', 'string', 'comment', 'expression_statement', 'import_statement', 'import_from_statement'];

function gatherNodes(root: Node): FileNodes {
  const nodes: FileNodes = { calls: [], strings: [], comments: [], docstrings: [] };
  collectNodes(root, GATHERED_TYPES, (node, type) => {
    switch (type) {
      case 'call':
        nodes.calls.push(node);
        break;
      case 'string':
        nodes.strings.push(node);
        break;
      case 'comment':
        nodes.comments.push(node);
        break;
      case 'expression_statement': {
        // A statement that is only a string is a docstring or a string used as a comment.
        const only = node.namedChildCount === 1 ? node.namedChild(0) : null;
        if (only && (only.type === 'string' || only.type === 'concatenated_string')) {
          nodes.docstrings.push(only);
          return false;
        }
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        return false;
    }
    return undefined;
  });
  return nodes;
}

/** True when a `join` or `urljoin` call builds a URL out of its arguments. */
function isJoinCall(node: Node): boolean {
  const name = calleeName(node);
  return name === 'urljoin' || name === 'join';
}

/**
 * Climbs from a string to the whole expression that builds the value: implicit joining, `+`,
 * `%`, `.format()`, f-string fields, `urljoin` and `join` calls.
 */
function outermostStringExpression(node: Node): Node {
  let current = node;
  for (let guard = 0; guard < 100; guard++) {
    const parent = current.parent;
    if (!parent) {
      return current;
    }
    const operator = parent.type === 'binary_operator' ? parent.childForFieldName('operator')?.type : undefined;
    if (parent.type === 'concatenated_string' || parent.type === 'parenthesized_expression' || operator === '+' || operator === '%') {
      current = parent;
    } else if (parent.type === 'interpolation' && parent.parent) {
      current = parent.parent;
    } else if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.text === 'format' && parent.parent?.type === 'call') {
      current = parent.parent;
    } else if ((parent.type === 'list' || parent.type === 'tuple') && parent.parent?.type === 'argument_list' && parent.parent.parent && isJoinCall(parent.parent.parent)) {
      current = parent.parent.parent;
    } else if (parent.type === 'argument_list' && parent.parent && isJoinCall(parent.parent)) {
      current = parent.parent;
    } else {
      return current;
    }
  }
  return current;
}

/**
 * Extracts the call sites of one parsed Python file, in passes so each relevant literal is
 * reported once: SDK chains, HTTP calls and `az rest` commands first, then relevant strings
 * that no reported call used, then comments and docstrings.
 */
export class FileExtraction {
  private readonly sites: CallSite[] = [];
  private readonly handledCalls = new Set<number>();
  private readonly helpers: HelperRequests;
  private readonly stringText = new Map<number, string>();
  /** Start offsets of string nodes whose text already went into a reported call site. */
  private readonly reported: ReportedLiterals<number>;

  constructor(
    private readonly ctx: PyContext,
    private readonly signatures: readonly string[],
  ) {
    this.reported = new ReportedLiterals(signatures, (start) => this.stringText.get(start) ?? '');
    this.helpers = new HelperRequests(ctx);
  }

  run(): CallSite[] {
    const nodes = gatherNodes(this.ctx.root);
    for (const node of nodes.strings) {
      this.stringText.set(node.startIndex, plainText(node));
    }
    for (const call of nodes.calls) {
      guard(() => this.readSdkCall(call));
    }
    for (const call of nodes.calls) {
      guard(() => this.readHttpCall(call));
    }
    this.readLooseStrings(nodes.strings, nodes.docstrings);
    for (const comment of nodes.comments) {
      guard(() => this.sites.push(...commentTextSites(comment.text, comment.startIndex, this.signatures, LANGUAGE)));
    }
    for (const docstring of nodes.docstrings) {
      guard(() => this.sites.push(...commentTextSites(docstring.text, docstring.startIndex, this.signatures, LANGUAGE)));
    }
    return this.sites;
  }

  private readSdkCall(call: Node): void {
    if (this.handledCalls.has(call.id)) {
      return;
    }
    const state = new ResolveState();
    const chain = readSdkChain(call, this.ctx, state, this.signatures);
    if (!chain) {
      return;
    }
    for (const covered of chain.calls) {
      this.handledCalls.add(covered.id);
    }
    this.reported.mark(state.reads);
    const verb = chain.links.at(-1)!.name.toUpperCase();
    const site: CallSite = {
      kind: 'sdk',
      language: LANGUAGE,
      sdk: chain.links,
      method: verb,
      inComment: false,
      confidence: 'high',
      anchor: nodeAnchor(call),
    };
    if (chain.body) {
      site.body = readBody(chain.body, this.ctx, state);
    }
    this.sites.push(site);
  }

  private readHttpCall(call: Node): void {
    if (this.handledCalls.has(call.id)) {
      return;
    }
    const state = new ResolveState();
    const request = recognizeHttpCall(call, this.ctx, state);
    if (request) {
      this.handledCalls.add(call.id);
      const parts = resolveParts(request.url, this.ctx, state);
      if (isRelevantUrl(parts, this.signatures)) {
        this.reported.mark(state.reads);
        this.sites.push(this.httpSite(request, parts, this.ctx, state));
      }
      return;
    }
    const helperRequest = this.helpers.recognize(call, this.ctx, state);
    if (helperRequest) {
      // Only what the call's arguments give the URL counts here, not its method or body.
      state.callerArgumentParts.length = 0;
      const parts = resolveParts(helperRequest.url, helperRequest.ctx, state);
      const fillsUrl = state.callerArgumentParts.some((part) => part.kind === 'literal' && part.text !== '');
      if (!isRelevantUrl(parts, this.signatures) || !fillsUrl) {
        // The URL comes from the helper alone, so the helper's own request reports it if it is relevant.
        return;
      }
      this.handledCalls.add(call.id);
      this.reported.mark(state.reads);
      this.sites.push(this.httpSite(helperRequest, parts, helperRequest.ctx, state));
      return;
    }
    const command = recognizeAzRest(call, this.ctx, state);
    if (command && isRelevantUrl(command.url, this.signatures)) {
      this.handledCalls.add(call.id);
      this.reported.mark(state.reads);
      const site: CallSite = {
        kind: 'url',
        language: LANGUAGE,
        url: command.url,
        method: command.method,
        inComment: false,
        confidence: 'high',
        anchor: nodeAnchor(call),
      };
      if (command.body) {
        site.body = command.body;
      }
      this.sites.push(site);
    }
  }

  private httpSite(request: PyHttpCall, parts: UrlPart[], requestCtx: PyContext, state: ResolveState): CallSite {
    const site: CallSite = {
      kind: 'url',
      language: LANGUAGE,
      url: parts,
      method: request.method,
      inComment: false,
      confidence: 'high',
      anchor: nodeAnchor(request.node),
    };
    if (request.body) {
      // A helper's `json=body` parameter leads to the caller's argument; a `None` default sends no body.
      const body = followBindings(request.body, requestCtx);
      if (!body) {
        site.body = { fields: {}, complete: false };
      } else if (!isNone(body.node)) {
        site.body = readBody(body.node, body.ctx, state);
      }
    }
    const first = parts[0];
    if (request.baseUrl && first?.kind === 'literal' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first.text)) {
      site.baseUrl = request.baseUrl;
    }
    return site;
  }

  /** Reports relevant strings that no reported call used, such as a URL passed to a helper. */
  private readLooseStrings(strings: readonly Node[], docstrings: readonly Node[]): void {
    const documentation = new Set<number>();
    for (const docstring of docstrings) {
      documentation.add(docstring.startIndex);
      for (const child of docstring.namedChildren) {
        if (child) {
          documentation.add(child.startIndex);
        }
      }
    }
    const candidates = new Map<number, Node>();
    for (const node of strings) {
      if (this.reported.has(node.startIndex) || documentation.has(node.startIndex) || !mentionsSignature(this.stringText.get(node.startIndex) ?? '', this.signatures)) {
        continue;
      }
      const expression = outermostStringExpression(node);
      candidates.set(expression.id, expression);
    }
    // Whole expressions first, so a constant they use is reported as part of them.
    const ordered = wholeExpressionsFirst(candidates.values(), (node) => unwrap(node).type === 'string', (node) => node.startIndex);
    reportLooseStrings(ordered, {
      language: LANGUAGE,
      signatures: this.signatures,
      sites: this.sites,
      reported: this.reported,
      resolve: (expression) => {
        const state = new ResolveState();
        return { parts: resolveParts(expression, this.ctx, state), reads: state.reads };
      },
      anchor: nodeAnchor,
    });
  }
}
