import type { Node } from 'web-tree-sitter';
import type { BodyEvidence } from '../../model/call-site.js';
import { bodyFromJsonParts } from '../common/json-parts-body.js';
import { literalText, ResolveState } from '../common/resolve-state.js';
import { findLetValue, type RustFileIndex, type RustResolver } from './resolve.js';
import { macroName, macroTokens, splitArguments } from './tokens.js';

/** Nesting of objects and structs flattened into dotted paths. */
const MAX_BODY_DEPTH = 6;

/**
 * Reads a request body from a Rust expression: `json!({...})`, a struct literal of a serde
 * struct (field names after `rename` and `rename_all`), a variable bound to one, or JSON text.
 */
export function readRustBody(node: Node, resolver: RustResolver, index: RustFileIndex, depth = 0): BodyEvidence | undefined {
  if (depth > MAX_BODY_DEPTH) {
    return undefined;
  }
  switch (node.type) {
    case 'reference_expression':
    case 'parenthesized_expression': {
      const inner = node.childForFieldName('value') ?? node.namedChildren.at(-1);
      return inner ? readRustBody(inner, resolver, index, depth + 1) : undefined;
    }
    case 'identifier': {
      const value = findLetValue(node, node.text);
      return value ? readRustBody(value, resolver, index, depth + 1) : undefined;
    }
    case 'macro_invocation': {
      const tokens = macroTokens(node);
      if (macroName(node) === 'json' && tokens) {
        const object = tokens.namedChildren.find((child) => child?.type === 'token_tree');
        if (object?.text.startsWith('{')) {
          const body: BodyEvidence = { fields: {}, complete: true, offset: node.startIndex };
          readJsonObject(object, '', body, resolver, depth);
          return body;
        }
        return undefined;
      }
      break;
    }
    case 'struct_expression': {
      const body: BodyEvidence = { fields: {}, complete: true, offset: node.startIndex };
      readStruct(node, '', body, resolver, index, depth);
      return body;
    }
    case 'call_expression': {
      // `serde_json::to_string(&body)` and `serde_json::to_vec(&body)` send the serialised value.
      const callee = node.childForFieldName('function')?.text ?? '';
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      if (/\bto_(string|vec|string_pretty|value)$/.test(callee) && first) {
        return readRustBody(first, resolver, index, depth + 1);
      }
      break;
    }
    default:
      break;
  }
  return bodyFromJsonParts(resolver.resolve(node, new ResolveState()), node.startIndex);
}

/** Flattens `{ "a": "x", "b": { "c": y } }` tokens of a `json!` object into dotted paths. */
function readJsonObject(tree: Node, prefix: string, body: BodyEvidence, resolver: RustResolver, depth: number): void {
  for (const entry of splitArguments(tree)) {
    const colon = entry.findIndex((token) => token.type === ':');
    const key = entry[0];
    if (colon !== 1 || !key || key.type !== 'string_literal') {
      body.complete = false;
      continue;
    }
    const name = literalText(resolver.resolve(key, new ResolveState())) ?? key.text;
    const value = entry.slice(2);
    if (value.length === 1 && value[0]!.type === 'token_tree' && value[0]!.text.startsWith('{') && depth < MAX_BODY_DEPTH) {
      readJsonObject(value[0]!, `${prefix}${name}.`, body, resolver, depth + 1);
    } else {
      body.fields[prefix + name] = literalText(resolver.resolveTokens(value, tree, new ResolveState())) ?? null;
    }
  }
}

/** Serialised field names of a struct: `#[serde(rename = "...")]` or the container's `rename_all`. */
function fieldNames(struct: Node | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!struct) {
    return names;
  }
  let renameAll: string | undefined;
  for (let sibling = struct.previousNamedSibling; sibling?.type === 'attribute_item'; sibling = sibling.previousNamedSibling) {
    renameAll ??= /rename_all\s*=\s*"([^"]+)"/.exec(sibling.text)?.[1];
  }
  let pendingRename: string | undefined;
  for (const child of struct.childForFieldName('body')?.namedChildren ?? []) {
    if (child?.type === 'attribute_item') {
      pendingRename = /\brename\s*=\s*"([^"]+)"/.exec(child.text)?.[1] ?? pendingRename;
    } else if (child?.type === 'field_declaration') {
      const name = child.childForFieldName('name')?.text;
      if (name) {
        names.set(name, pendingRename ?? applyRenameAll(name, renameAll));
      }
      pendingRename = undefined;
    }
  }
  return names;
}

/** serde's `rename_all` rules for a snake_case field name. */
function applyRenameAll(name: string, rule: string | undefined): string {
  const words = name.split('_').filter(Boolean);
  switch (rule) {
    case 'camelCase':
      return words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
    case 'PascalCase':
      return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
    case 'kebab-case':
      return words.join('-');
    case 'SCREAMING_SNAKE_CASE':
      return name.toUpperCase();
    case 'lowercase':
      return name.toLowerCase();
    case 'UPPERCASE':
      return name.toUpperCase();
    default:
      return name;
  }
}

function readStruct(node: Node, prefix: string, body: BodyEvidence, resolver: RustResolver, index: RustFileIndex, depth: number): void {
  const typeName = node.childForFieldName('name')?.text.split('::').pop() ?? '';
  const names = fieldNames(index.structs.get(typeName));
  for (const child of node.childForFieldName('body')?.namedChildren ?? []) {
    if (child?.type === 'base_field_initializer') {
      body.complete = false;
      continue;
    }
    if (child?.type !== 'field_initializer' && child?.type !== 'shorthand_field_initializer') {
      continue;
    }
    const field = child.type === 'field_initializer' ? child.childForFieldName('field')?.text : child.namedChildren[0]?.text;
    const value = child.type === 'field_initializer' ? child.childForFieldName('value') : child.namedChildren[0];
    if (!field || !value) {
      continue;
    }
    const key = prefix + (names.get(field) ?? field);
    if (value.type === 'struct_expression' && depth < MAX_BODY_DEPTH) {
      readStruct(value, `${key}.`, body, resolver, index, depth + 1);
    } else {
      body.fields[key] = literalText(resolver.resolve(value, new ResolveState())) ?? null;
    }
  }
}
