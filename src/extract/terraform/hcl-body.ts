import { parseTree, type ParseError } from 'jsonc-parser';
import type { Node } from 'web-tree-sitter';
import type { BodyEvidence } from '../../model/call-site.js';
import { readJsonFields } from '../common/json-tree-fields.js';
import type { Resolver } from './module-values.js';
import { namedChildren, stringPieces, templateNode } from './templates.js';

/** Objects nested deeper than this in a body are not read. */
const MAX_BODY_DEPTH = 32;

/** The single value an `expression` node wraps (`collection_value > object`, `function_call`...). */
function inner(expression: Node): Node | undefined {
  const [child] = namedChildren(expression);
  if (child?.type === 'collection_value') {
    return namedChildren(child)[0];
  }
  return child;
}

/**
 * Request-body evidence from an HCL expression: an object (`body = { type = "AdminAdd" }`), the
 * same inside `jsonencode(...)`, or a string or heredoc holding JSON. Fields are keyed by dotted
 * path; string values are read through variables and locals, anything else is null.
 */
export function readHclBody(expression: Node, resolver: Resolver): BodyEvidence {
  let value = inner(expression);
  if (value?.type === 'function_call' && namedChildren(value)[0]?.text === 'jsonencode') {
    const argument = namedChildren(namedChildren(value).find((node) => node.type === 'function_arguments') ?? value).find((node) => node.type === 'expression');
    value = argument ? inner(argument) : undefined;
  }
  if (value?.type === 'object') {
    return readObject(value, resolver);
  }
  const template = templateNode(expression);
  const pieces = template ? stringPieces(expression) : undefined;
  const text = pieces ? resolver.text(pieces) : null;
  if (text !== null && text.trimStart().startsWith('{')) {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (root) {
      const evidence = readJsonFields(root, (node) => (typeof node.value === 'string' ? node.value : null));
      evidence.offset = expression.startIndex;
      evidence.complete &&= errors.length === 0;
      return evidence;
    }
  }
  return { fields: {}, complete: false, offset: expression.startIndex };
}

function readObject(object: Node, resolver: Resolver): BodyEvidence {
  const evidence: BodyEvidence = { fields: {}, complete: true, offset: object.startIndex };
  const stack: { node: Node; prefix: string; depth: number }[] = [{ node: object, prefix: '', depth: 0 }];
  while (stack.length > 0) {
    const { node, prefix, depth } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) {
      evidence.complete = false;
      continue;
    }
    const entries: { key: string | undefined; value: Node | undefined }[] =
      node.type === 'object'
        ? namedChildren(node)
            .filter((child) => child.type === 'object_elem')
            .map((element) => ({ key: keyText(element.childForFieldName('key')), value: element.childForFieldName('val') ?? undefined }))
        : namedChildren(node)
            .filter((child) => child.type === 'expression')
            .map((item, index) => ({ key: String(index), value: item }));
    for (const { key, value } of entries) {
      if (key === undefined || !value) {
        evidence.complete = false;
        continue;
      }
      const path = prefix + key;
      const nested = inner(value);
      if (nested?.type === 'object' || nested?.type === 'tuple') {
        stack.push({ node: nested, prefix: `${path}.`, depth: depth + 1 });
        continue;
      }
      const pieces = stringPieces(value);
      evidence.fields[path] = pieces ? resolver.text(pieces) : null;
    }
  }
  return evidence;
}

/** The text of an object key: a bare name or a string literal. */
function keyText(key: Node | null): string | undefined {
  if (!key) {
    return undefined;
  }
  const pieces = stringPieces(key);
  if (pieces) {
    return pieces.every((piece) => piece.kind === 'literal') ? pieces.map((piece) => (piece.kind === 'literal' ? piece.text : '')).join('') : undefined;
  }
  const [child] = namedChildren(key);
  return child?.type === 'variable_expr' ? child.text : undefined;
}
