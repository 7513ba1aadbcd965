import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';
import { ResolveState } from '../common/resolve-state.js';
import { guard } from '../common/guard.js';
import { SiteCollector } from '../common/site-collector.js';
import { readRustBody } from './body.js';
import { recognizeRustRequest } from './http.js';
import { RustResolver, type ExternalConstants, type RustFileIndex } from './resolve.js';
import { macroName } from './tokens.js';
import { nodeAnchor } from '../tree-sitter/node-anchor.js';

/** Macros whose result is text built from their string arguments. */
const STRING_MACROS = new Set(['format', 'concat', 'format_args']);

/** Extracts the call sites of one parsed Rust file: requests, loose strings and comments. */
export function extractRustFile(root: Node, index: RustFileIndex, external: ExternalConstants, signatures: readonly string[], language: string): CallSite[] {
  const resolver = new RustResolver(index, external);
  const collector = new SiteCollector(language, signatures);
  const calls: Node[] = [];
  const strings: Node[] = [];
  const comments: Node[] = [];
  walk(root, (node) => {
    if (node.type === 'call_expression') {
      calls.push(node);
    } else if (node.type === 'string_literal' || node.type === 'raw_string_literal') {
      strings.push(node);
      return false;
    } else if (node.type === 'line_comment' || node.type === 'block_comment') {
      comments.push(node);
      return false;
    }
    return undefined;
  });

  for (const call of calls) {
    guard(() => {
      const request = recognizeRustRequest(call);
      if (!request) {
        return;
      }
      const state = new ResolveState();
      const parts = resolver.resolve(request.url, state);
      if (!collector.isRelevant(parts)) {
        return;
      }
      const body = request.body ? readRustBody(request.body, resolver, index) : undefined;
      collector.addRequest(parts, request.method, state, nodeAnchor(call), body);
    });
  }
  collector.addLooseStrings(strings, {
    isValue: (node) => !isAttributeValue(node),
    outermost: outermostStringExpression,
    resolve: (expression, state) => resolver.resolve(expression, state),
    anchor: nodeAnchor,
  });
  collector.addComments(comments);
  return collector.sorted();
}

/** Strings in attributes (`#[get("/...")]`, `#[serde(rename = ...)]`) are not values the code sends. */
function isAttributeValue(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'attribute_item' || current.type === 'inner_attribute_item') {
      return true;
    }
    if (current.type.endsWith('_item') || current.type === 'block') {
      return false;
    }
  }
  return false;
}

/** Climbs from a string to the whole expression that builds the value (`format!`, `+`, `.to_string()`). */
function outermostStringExpression(node: Node): Node {
  let current = node;
  for (let steps = 0; steps < 64; steps++) {
    const parent = current.parent;
    if (!parent) {
      break;
    }
    if (parent.type === 'token_tree') {
      // A string inside a macro's arguments: climb to the macro when it builds text.
      let macro: Node | null = parent;
      while (macro && macro.type === 'token_tree') {
        macro = macro.parent;
      }
      if (macro?.type === 'macro_invocation' && STRING_MACROS.has(macroName(macro))) {
        current = macro;
        continue;
      }
      break;
    }
    if (
      (parent.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '+') ||
      parent.type === 'reference_expression' ||
      parent.type === 'parenthesized_expression'
    ) {
      current = parent;
    } else if (parent.type === 'field_expression' && parent.parent?.type === 'call_expression' && /^(to_string|to_owned|into|as_str)$/.test(parent.childForFieldName('field')?.text ?? '')) {
      current = parent.parent;
    } else if (parent.type === 'arguments' && parent.parent?.type === 'call_expression' && /(^|::)(String::from|from)$/.test(parent.parent.childForFieldName('function')?.text ?? '')) {
      current = parent.parent;
    } else {
      break;
    }
  }
  return current;
}
