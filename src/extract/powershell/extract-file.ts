import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { cmdletCallSite, isSignatureCmdlet, resolveCommandName } from './cmdlet-calls.js';
import { readCommand, type CommandCall } from './commands.js';
import { commentCallSites } from './comments.js';
import { httpCallSite, httpUrl, recognizeHttpCommand, unqualified } from './http-calls.js';
import { ResolveState, type Resolver } from './resolve.js';
import { stringContent } from './strings.js';
import type { ScriptNodes } from './script-nodes.js';
import { isStringNode, namedChildren, unwrap } from './tree.js';
import { guard } from '../common/guard.js';
import { looseStringSite } from '../common/loose-strings.js';
import { nodeAnchor } from '../tree-sitter/node-anchor.js';

/** PowerShell text handed to `Invoke-Expression`, to be parsed as a script of its own. */
export interface EmbeddedScript {
  text: string;
  /** File offset of `text[0]`. */
  offset: number;
  /** Offset of the `Invoke-Expression` call, where the script's variables are read. */
  at: number;
}

export interface FileResult {
  sites: CallSite[];
  embedded: EmbeddedScript[];
}

/** Node types a string's value passes through on its way into one larger string expression. */
const STRING_EXPRESSION_PARENTS = new Set([
  'string_literal',
  'unary_expression',
  'array_literal_expression',
  'range_expression',
  'format_expression',
  'multiplicative_expression',
  'additive_expression',
  'comparison_expression',
  'bitwise_expression',
  'logical_expression',
  'parenthesized_expression',
  'pipeline_chain',
  'pipeline',
  'statement_list',
  'sub_expression',
  'expandable_string_literal',
  'expandable_here_string_literal',
]);

/**
 * Extracts the call sites of one parsed script in three passes, so each relevant literal is
 * reported once: commands first (HTTP cmdlets, `az rest`, PIM cmdlets, `Invoke-Expression`),
 * then relevant strings no command used, then comments.
 */
export class FileExtraction {
  private readonly sites: CallSite[] = [];
  private readonly embedded: EmbeddedScript[] = [];
  /** Start offsets of string nodes whose text went into a reported call site. */
  private readonly reported = new Set<number>();

  constructor(
    private readonly nodes: ScriptNodes,
    private readonly resolver: Resolver,
    private readonly signatures: readonly string[],
    private readonly language: string,
  ) {}

  run(): FileResult {
    const { commands, strings, comments } = this.nodes;
    for (const command of commands) {
      guard(() => this.readCommandSite(command));
    }
    guard(() => this.readLooseStrings(strings));
    guard(() => this.sites.push(...commentCallSites(comments, this.signatures, this.language)));
    return { sites: this.sites, embedded: this.embedded };
  }


  private readCommandSite(node: Node): void {
    const call = readCommand(node);
    if (!call || call.invocation === '.') {
      return;
    }
    const state = new ResolveState();
    const name = resolveCommandName(call, this.resolver, state);
    if (!name) {
      return;
    }
    const http = recognizeHttpCommand(call, name.name, this.resolver, state);
    if (http) {
      const parts = httpUrl(call, http, this.resolver, state);
      if (parts && isRelevantUrl(parts, this.signatures)) {
        this.sites.push(httpCallSite(call, http, parts, this.resolver, state, this.language));
        this.markReported(state);
      }
      return;
    }
    const bare = unqualified(name.name);
    if (bare === 'invoke-expression' || bare === 'iex') {
      this.readInvokeExpression(call);
      return;
    }
    if (isSignatureCmdlet(name.name, this.signatures)) {
      this.sites.push(cmdletCallSite(call, name, this.resolver, state, this.language));
      this.markReported(state);
    }
  }

  /** The string given to `Invoke-Expression` is a script: its own call sites come from parsing it. */
  private readInvokeExpression(call: CommandCall): void {
    const argument = call.parameters.find((parameter) => /^command$/i.test(parameter.name))?.value ?? call.positional[0];
    const string = argument ? unwrap(argument) : undefined;
    if (!string || !isStringNode(string)) {
      return;
    }
    const content = stringContent(string);
    this.reported.add(string.startIndex);
    this.embedded.push({ text: this.resolver.text.slice(content.start, content.end), offset: content.start, at: call.node.startIndex });
  }

  private markReported(state: ResolveState): void {
    for (const offset of state.reads) {
      this.reported.add(offset);
    }
  }

  /** Reports relevant strings that no command used, such as a URL kept for later or passed to a helper. */
  private readLooseStrings(strings: readonly Node[]): void {
    const expressions = new Map<number, Node>();
    for (const node of strings) {
      if (this.reported.has(node.startIndex) || !mentionsSignature(node.text, this.signatures)) {
        continue;
      }
      const expression = outermostStringExpression(node);
      expressions.set(expression.startIndex * 1e6 + (expression.endIndex - expression.startIndex), expression);
    }
    // Larger expressions first, so a string inside a concatenation is reported as part of it.
    const ordered = [...expressions.values()].sort((a, b) => b.endIndex - b.startIndex - (a.endIndex - a.startIndex) || a.startIndex - b.startIndex);
    for (const expression of ordered) {
      guard(() => {
        const state = new ResolveState();
        const parts = this.resolver.parts(expression, state);
        const fresh = [...state.reads].some((offset) => !this.reported.has(offset));
        if (!fresh || !isRelevantUrl(parts, this.signatures)) {
          return;
        }
        this.markReported(state);
        this.sites.push(looseStringSite(this.language, parts, nodeAnchor(expression)));
      });
    }
  }
}

/** Climbs from a string to the whole expression that builds the value (`-f`, `+`, `"...$(...)..."`). */
function outermostStringExpression(node: Node): Node {
  let current = node;
  let best = node;
  for (let parent = current.parent; parent && STRING_EXPRESSION_PARENTS.has(parent.type); parent = parent.parent) {
    current = parent;
    if (parent.type === 'pipeline_chain' && namedChildren(parent).length > 1) {
      break;
    }
    best = current;
  }
  return best;
}
