import { ts } from 'ts-morph';
import type { CallSite, UrlPart } from '../../model/call-site.js';
import { EMPTY_SCOPE, startOf, type FileContext } from './context.js';
import { unwrapExpression } from './follow.js';
import { graphBaseAfterApi, isGraphApiCall } from './graph-client.js';
import { isAbsoluteUrl, type HttpCall } from './http-call.js';
import { recognizeHttpCall } from './http-calls.js';
import { readRequestBody } from './request-body.js';
import { ResolveState, resolveUrlParts } from './resolve-string.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { guard } from '../common/guard.js';
import { ReportedLiterals } from '../common/reported-literals.js';
import { reportLooseStrings, wholeExpressionsFirst } from '../common/loose-strings.js';

type CallNode = ts.CallExpression | ts.NewExpression;
type StringNode = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

/** Calls and string nodes of one file, gathered in one walk. */
interface FileNodes {
  calls: CallNode[];
  strings: StringNode[];
}

function gatherNodes(sourceFile: ts.SourceFile): FileNodes {
  const nodes: FileNodes = { calls: [], strings: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      nodes.calls.push(node);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      nodes.strings.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return nodes;
}

/** True for `require('x')` and `import('x')`, whose argument is a module name, not a URL. */
function isModuleLoad(call: CallNode): boolean {
  if (!ts.isCallExpression(call)) {
    return false;
  }
  const callee = call.expression;
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
}

/** True for strings that name modules or types rather than values. */
function isNonValueString(node: StringNode): boolean {
  const parent = node.parent;
  return (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isLiteralTypeNode(parent) ||
    ts.isModuleDeclaration(parent) ||
    ts.isImportAttribute?.(parent) ||
    (ts.isCallExpression(parent) && isModuleLoad(parent))
  );
}

/** Returns the literal text of a string node, leaving out the source of template substitutions. */
function literalTextOf(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return node.text;
  }
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => span.literal.text).join('');
  }
  return '';
}

/** Climbs from a string to the whole expression that builds the value (`a + 'x' + b`, a template). */
function outermostStringExpression(node: ts.Expression): ts.Expression {
  let current: ts.Expression = node;
  for (;;) {
    const parent = current.parent;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      current = parent;
    } else if (ts.isTemplateSpan(parent) && parent.expression === current) {
      current = parent.parent;
    } else if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isNonNullExpression(parent)
    ) {
      current = parent;
    } else {
      return current;
    }
  }
}

function anchorOf(node: ts.Node): CallSite['anchor'] {
  const offset = startOf(node);
  return { offset, length: node.getEnd() - offset };
}

/**
 * Extracts the call sites of one parsed file, in three passes so each relevant literal is reported
 * once: recognised HTTP calls first, then other calls that receive a relevant URL, then relevant
 * strings that no reported call uses.
 */
export class FileExtraction {
  private readonly sites: CallSite[] = [];
  /** String nodes whose text already went into a reported call site. */
  private readonly reported: ReportedLiterals<ts.Node>;
  /** Calls handled as HTTP requests, or accounted for by one (the `.api()` of a Graph chain). */
  private readonly handledCalls = new Set<ts.Node>();

  /** String nodes that reported calls read, in this file or in files it imports. */
  private readonly callReads = new Set<ts.Node>();

  constructor(
    private readonly ctx: FileContext,
    private readonly signatures: readonly string[],
    private readonly language: string,
    /** True when a reported call in another scanned file reads this string, which that file then reports. */
    private readonly readByOtherFile: (node: ts.Node) => boolean = () => false,
  ) {
    this.reported = new ReportedLiterals(signatures, literalTextOf);
  }

  run(): CallSite[] {
    const nodes = gatherNodes(this.ctx.sourceFile);
    this.readHttpCalls(nodes.calls);
    for (const call of nodes.calls) {
      guard(() => this.readOtherCall(call));
    }
    this.readLooseStrings(nodes.strings);
    return this.sites;
  }

  /** Runs only the call passes and returns the string nodes that the reported calls read. */
  callStrings(): ReadonlySet<ts.Node> {
    const calls = gatherNodes(this.ctx.sourceFile).calls;
    this.readHttpCalls(calls);
    for (const call of calls) {
      guard(() => this.readOtherCall(call));
    }
    return this.callReads;
  }

  private readHttpCalls(calls: readonly CallNode[]): void {
    for (const call of calls) {
      guard(() => this.readHttpCall(call));
    }
  }

  /** True when a literal naming a signature reached a wrapper's request from outside the wrapper. */
  private callerNamesSignature(state: ResolveState, wrapper: ts.Node): boolean {
    for (const owner of state.reads) {
      const inside = owner.getSourceFile() === wrapper.getSourceFile() && owner.pos >= wrapper.pos && owner.end <= wrapper.end;
      if (!inside && mentionsSignature(literalTextOf(owner), this.signatures)) {
        return true;
      }
    }
    return false;
  }

  private readHttpCall(call: CallNode): void {
    const state = new ResolveState();
    const request = recognizeHttpCall(call, this.ctx, state);
    if (!request) {
      return;
    }
    const parts = resolveUrlParts(request.url, this.ctx, request.scope, state);
    if (request.wrapper && !this.callerNamesSignature(state, request.wrapper)) {
      // The helper's own request reports its URL; this call only fills in other values.
      return;
    }
    this.handledCalls.add(call);
    for (const covered of request.covers ?? []) {
      this.handledCalls.add(covered);
    }
    if (!isRelevantUrl(parts, this.signatures)) {
      return;
    }
    this.markCallReads(state.reads);
    this.sites.push(this.httpSite(request, parts));
  }

  private httpSite(request: HttpCall, parts: UrlPart[]): CallSite {
    const site: CallSite = {
      kind: 'url',
      language: this.language,
      url: parts,
      method: request.method,
      inComment: false,
      confidence: 'high',
      anchor: anchorOf(request.node),
    };
    if (request.body) {
      site.body = readRequestBody(request.body.expression, this.ctx, request.body.scope);
    }
    const baseUrl = baseUrlFor(parts, request.baseUrlIfRelative);
    if (baseUrl) {
      site.baseUrl = baseUrl;
    }
    return site;
  }

  private readOtherCall(call: CallNode): void {
    if (this.handledCalls.has(call) || isModuleLoad(call)) {
      return;
    }
    for (const argument of call.arguments ?? []) {
      guard(() => {
        const state = new ResolveState();
        const parts = resolveUrlParts(argument, this.ctx, EMPTY_SCOPE, state);
        if (!isRelevantUrl(parts, this.signatures) || !this.reported.hasNewEvidence(state.reads)) {
          return;
        }
        this.markCallReads(state.reads);
        const site: CallSite = {
          kind: 'url',
          language: this.language,
          url: parts,
          method: null,
          inComment: false,
          confidence: 'medium',
          anchor: anchorOf(call),
        };
        if (ts.isCallExpression(call) && isGraphApiCall(call) && argument === call.arguments[0]) {
          const baseUrl = baseUrlFor(parts, graphBaseAfterApi(call, this.ctx, EMPTY_SCOPE, state));
          if (baseUrl) {
            site.baseUrl = baseUrl;
          }
        }
        this.sites.push(site);
      });
    }
  }

  private markCallReads(reads: ReadonlySet<ts.Node>): void {
    this.reported.mark(reads);
    for (const node of reads) {
      this.callReads.add(node);
    }
  }

  private isReadByOtherFile(node: ts.Node): boolean {
    try {
      return this.readByOtherFile(node);
    } catch {
      // A file that cannot be read or parsed leaves the string reported where it is declared.
      return false;
    }
  }

  /** Reports relevant strings that no call used, such as an exported URL constant. */
  private readLooseStrings(strings: readonly StringNode[]): void {
    const candidates = new Set<ts.Expression>();
    for (const node of strings) {
      if (this.reported.has(node) || isNonValueString(node) || !mentionsSignature(literalTextOf(node), this.signatures)) {
        continue;
      }
      if (this.isReadByOtherFile(node)) {
        // As in one file: a constant that flows into a reported request is reported at the request.
        this.reported.mark([node]);
        continue;
      }
      candidates.add(outermostStringExpression(node));
    }
    // Whole concatenations and templates first, so a constant they use is reported as part of them.
    const ordered = wholeExpressionsFirst(candidates, isPlainString, (expression) => expression.pos);
    reportLooseStrings<ts.Expression, ts.Node>(ordered, {
      language: this.language,
      signatures: this.signatures,
      sites: this.sites,
      reported: this.reported,
      resolve: (expression) => {
        const state = new ResolveState();
        return { parts: resolveUrlParts(expression, this.ctx, EMPTY_SCOPE, state), reads: state.reads };
      },
      anchor: anchorOf,
    });
  }
}

function isPlainString(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** Returns the base URL a client adds, when the URL the code passes is relative. */
function baseUrlFor(parts: readonly UrlPart[], baseUrlIfRelative: string | undefined): string | undefined {
  const first = parts[0];
  if (!baseUrlIfRelative || !first || first.kind !== 'literal' || isAbsoluteUrl(first.text)) {
    return undefined;
  }
  return baseUrlIfRelative;
}
