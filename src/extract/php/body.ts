import type { Node } from 'web-tree-sitter';
import type { BodyEvidence } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';
import { bodyFromJsonParts } from '../common/json-parts-body.js';
import { literalText, ResolveState } from '../common/resolve-state.js';
import { argumentValues, enclosingScope, findAssignedValue, type PhpResolver } from './resolve.js';

/** Nesting of arrays and models flattened into dotted paths. */
const MAX_BODY_DEPTH = 6;

/**
 * Reads a request body from a PHP expression: an array literal, `json_encode([...])`, JSON text
 * (a heredoc, say), or a model variable filled with setters (`$body->setType('AdminAdd')`).
 */
export function readPhpBody(node: Node, resolver: PhpResolver, depth = 0): BodyEvidence | undefined {
  if (depth > MAX_BODY_DEPTH) {
    return undefined;
  }
  if (node.type === 'array_creation_expression') {
    const body: BodyEvidence = { fields: {}, complete: true, offset: node.startIndex };
    readArray(node, '', body, resolver, depth);
    return body;
  }
  if (node.type === 'function_call_expression' && node.childForFieldName('function')?.text.toLowerCase() === 'json_encode') {
    const first = argumentValues(node)[0];
    return first ? readPhpBody(first, resolver, depth + 1) : undefined;
  }
  if (node.type === 'variable_name') {
    const value = findAssignedValue(node, node.text);
    if (value?.type === 'object_creation_expression') {
      return readSetters(node, resolver, depth);
    }
    if (value && value.type !== 'string' && value.type !== 'encapsed_string' && value.type !== 'heredoc' && value.type !== 'nowdoc') {
      return readPhpBody(value, resolver, depth + 1);
    }
  }
  return bodyFromJsonParts(resolver.resolve(node, new ResolveState()), node.startIndex);
}

function valueText(node: Node, resolver: PhpResolver): string | null {
  return literalText(resolver.resolve(node, new ResolveState())) ?? null;
}

/** Flattens `['a' => ['b' => 'c']]` into `a.b: c`; list elements without keys are left out. */
function readArray(node: Node, prefix: string, body: BodyEvidence, resolver: PhpResolver, depth: number): void {
  for (const element of node.namedChildren) {
    if (element?.type !== 'array_element_initializer') {
      continue;
    }
    const children = element.namedChildren.filter((child): child is Node => child !== null);
    if (children.length < 2) {
      continue;
    }
    const key = valueText(children[0]!, resolver);
    const value = children.at(-1)!;
    if (key === null) {
      body.complete = false;
      continue;
    }
    if (value.type === 'array_creation_expression' && depth < MAX_BODY_DEPTH) {
      readArray(value, `${prefix}${key}.`, body, resolver, depth + 1);
    } else {
      body.fields[prefix + key] = valueText(value, resolver);
    }
  }
}

/**
 * Reads `$body->setType('AdminAdd')` calls on a model variable in its scope, as fields named after
 * the setter without `set` and with a lower-case first letter. A setter whose argument is another
 * model variable adds that model's fields under a dotted path.
 */
function readSetters(variable: Node, resolver: PhpResolver, depth: number): BodyEvidence {
  const body: BodyEvidence = { fields: {}, complete: true, offset: variable.startIndex };
  const scope = enclosingScope(variable);
  if (!scope) {
    return body;
  }
  walk(scope, (node) => {
    if (node.type !== 'member_call_expression' || node.childForFieldName('object')?.text !== variable.text) {
      return undefined;
    }
    const setter = node.childForFieldName('name')?.text ?? '';
    const argument = argumentValues(node)[0];
    if (!/^set[A-Z_]/.test(setter) || !argument) {
      return undefined;
    }
    const field = setter.charAt(3).toLowerCase() + setter.slice(4);
    const nestedValue = argument.type === 'variable_name' ? findAssignedValue(argument, argument.text) : undefined;
    if (nestedValue?.type === 'object_creation_expression' && depth < MAX_BODY_DEPTH) {
      const nested = readSetters(argument, resolver, depth + 1);
      for (const [key, value] of Object.entries(nested.fields)) {
        body.fields[`${field}.${key}`] = value;
      }
    } else {
      body.fields[field] = valueText(argument, resolver);
    }
    return undefined;
  });
  return body;
}
