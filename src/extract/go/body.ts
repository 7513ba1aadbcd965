import type { Node } from 'web-tree-sitter';
import type { BodyEvidence } from '../../model/call-site.js';
import { enclosingFunction, type GoResolver } from './resolve.js';
import { structTypes } from './scope.js';
import { argumentsOf, calleeParts, MAX_DEPTH, namedChildren, structJsonNames, unwrap } from './syntax.js';

/** Calls whose first argument is the body itself, its JSON encoding or a reader over it. */
const WRAPPERS = new Set([
  'json.Marshal',
  'json.MarshalIndent',
  'bytes.NewReader',
  'bytes.NewBuffer',
  'bytes.NewBufferString',
  'strings.NewReader',
  'io.NopCloser',
]);

interface BodyFields {
  fields: Record<string, string | null>;
  complete: boolean;
}

type Found = { kind: 'composite'; node: Node } | { kind: 'model'; variable: Node } | { kind: 'json'; value: unknown };

/**
 * Reads the request body an expression builds: a struct literal (JSON names from its `json:"..."`
 * tags), a map literal, JSON text, or an SDK model filled with `body.SetType(&t)` setters;
 * directly, through `json.Marshal`, `bytes.NewReader` and the like, or through local variables.
 */
export function readBody(expression: Node, resolver: GoResolver): BodyEvidence | undefined {
  const found = findObject(expression, resolver);
  if (!found) {
    return undefined;
  }
  const result: BodyFields = { fields: {}, complete: true };
  if (found.kind === 'composite') {
    readComposite(found.node, '', resolver, result, 0);
  } else if (found.kind === 'model') {
    readSetters(found.variable, '', resolver, result, 0);
  } else {
    readJson(found.value, result);
  }
  return { fields: result.fields, complete: result.complete, offset: unwrap(expression).startIndex };
}

function qualifiedName(call: Node): string {
  const { operand, name } = calleeParts(call);
  return operand && name ? `${operand.text}.${name}` : (name ?? '');
}

/** True for an SDK model constructor such as `graphmodels.NewGovernanceRoleAssignmentRequest()`. */
function isModelConstructor(node: Node): boolean {
  return node.type === 'call_expression' && /^New[A-Z]/.test(calleeParts(node).name ?? '') && argumentsOf(node).length === 0;
}

function findObject(expression: Node, resolver: GoResolver): Found | undefined {
  let node = unwrap(expression);
  let variable: Node | undefined;
  for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
    if (node.type === 'unary_expression' && node.childForFieldName('operator')?.text === '&') {
      node = unwrap(node.childForFieldName('operand')!);
      continue;
    }
    if (node.type === 'composite_literal') {
      return { kind: 'composite', node };
    }
    if (node.type === 'type_conversion_expression' || (node.type === 'call_expression' && node.childForFieldName('function')?.type === 'slice_type')) {
      const inner = node.childForFieldName('operand') ?? argumentsOf(node)[0];
      if (!inner) {
        return undefined;
      }
      node = unwrap(inner);
      continue;
    }
    if (node.type === 'call_expression') {
      if (isModelConstructor(node)) {
        return variable ? { kind: 'model', variable } : undefined;
      }
      const first = argumentsOf(node)[0];
      if (!WRAPPERS.has(qualifiedName(node)) || !first) {
        return undefined;
      }
      node = first;
      continue;
    }
    if (node.type === 'identifier') {
      const followed = resolver.follow(node);
      if (followed?.kind !== 'node') {
        return undefined;
      }
      variable = node;
      node = unwrap(followed.expression);
      continue;
    }
    const text = resolver.constant(node);
    if (text === undefined) {
      return undefined;
    }
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** JSON names of the struct a composite literal builds, when the struct is declared in the package. */
function jsonNamesFor(literal: Node, resolver: GoResolver): Map<string, string | null> | undefined {
  const type = literal.childForFieldName('type');
  if (!type) {
    return undefined;
  }
  if (type.type === 'struct_type') {
    return structJsonNames(type);
  }
  if (type.type !== 'type_identifier') {
    return undefined;
  }
  const local = structTypes(resolver.ctx.root).get(type.text);
  return local ? structJsonNames(local) : resolver.ctx.pkg?.structNames(type.text);
}

function readComposite(literal: Node, prefix: string, resolver: GoResolver, result: BodyFields, depth: number): void {
  if (depth > MAX_DEPTH) {
    result.complete = false;
    return;
  }
  const body = literal.type === 'literal_value' ? literal : literal.childForFieldName('body');
  const type = literal.type === 'literal_value' ? null : literal.childForFieldName('type');
  const isMap = type?.type === 'map_type' || literal.type === 'literal_value';
  const names = isMap ? undefined : jsonNamesFor(literal, resolver);
  for (const element of body ? namedChildren(body) : []) {
    if (element.type === 'comment') {
      continue;
    }
    if (element.type !== 'keyed_element') {
      result.complete = false;
      continue;
    }
    const [keyElement, valueElement] = namedChildren(element);
    const key = keyElement?.namedChild(0) ?? keyElement;
    const value = valueElement?.namedChild(0) ?? valueElement;
    if (!key || !value) {
      result.complete = false;
      continue;
    }
    let field: string | null | undefined;
    if (isMap) {
      field = resolver.constant(key);
    } else {
      field = names?.has(key.text) ? names.get(key.text) : key.text;
    }
    if (field === null) {
      continue; // `json:"-"`: the field is never sent.
    }
    if (field === undefined) {
      result.complete = false;
      continue;
    }
    readValue(prefix + field, value, resolver, result, depth);
  }
}

function readValue(field: string, value: Node, resolver: GoResolver, result: BodyFields, depth: number): void {
  let node = unwrap(value);
  if (node.type === 'unary_expression' && node.childForFieldName('operator')?.text === '&') {
    node = unwrap(node.childForFieldName('operand')!);
  }
  if (node.type === 'composite_literal' || node.type === 'literal_value') {
    const type = node.childForFieldName('type');
    if (!type || type.type === 'map_type' || type.type === 'type_identifier' || type.type === 'qualified_type' || type.type === 'struct_type') {
      readComposite(node, `${field}.`, resolver, result, depth + 1);
      return;
    }
  }
  result.fields[field] = resolver.constant(node) ?? null;
}

/** Pointer helpers (`to.Ptr("x")`, `ptr.String("x")`) whose value is their only argument. */
function pointerTarget(node: Node): Node {
  let current = unwrap(node);
  for (let i = 0; i < 3; i += 1) {
    if (current.type === 'unary_expression' && current.childForFieldName('operator')?.text === '&') {
      current = unwrap(current.childForFieldName('operand')!);
    } else if (current.type === 'call_expression' && /ptr|pointer|^To|^String$/i.test(calleeParts(current).name ?? '') && argumentsOf(current).length === 1) {
      current = argumentsOf(current)[0]!;
    } else {
      break;
    }
  }
  return current;
}

/** Reads `model.SetXxx(value)` calls on a model variable in its function; a setter argument that is itself a model nests. */
function readSetters(variable: Node, prefix: string, resolver: GoResolver, result: BodyFields, depth: number): void {
  const fn = enclosingFunction(variable);
  if (!fn || depth > MAX_DEPTH) {
    result.complete = false;
    return;
  }
  for (const call of fn.descendantsOfType('call_expression')) {
    if (!call) {
      continue;
    }
    const { operand, name } = calleeParts(call);
    const args = argumentsOf(call);
    if (operand?.text !== variable.text || !name || !/^Set[A-Z]/.test(name) || args.length !== 1) {
      continue;
    }
    const field = prefix + name.slice(3);
    const target = pointerTarget(args[0]!);
    if (target.type === 'identifier') {
      const followed = resolver.follow(target);
      if (followed?.kind === 'node' && isModelConstructor(unwrap(followed.expression))) {
        readSetters(target, `${field}.`, resolver, result, depth + 1);
        continue;
      }
    }
    result.fields[field] = resolver.constant(target) ?? null;
  }
}

function readJson(value: unknown, result: BodyFields): void {
  const stack: { value: unknown; prefix: string }[] = [{ value, prefix: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object' || Array.isArray(item.value)) {
      if (item.prefix !== '') {
        const text = item.value;
        result.fields[item.prefix] = typeof text === 'string' || typeof text === 'number' || typeof text === 'boolean' ? String(text) : null;
      }
      continue;
    }
    for (const [key, inner] of Object.entries(item.value as Record<string, unknown>)) {
      stack.push({ value: inner, prefix: item.prefix === '' ? key : `${item.prefix}.${key}` });
    }
  }
}
