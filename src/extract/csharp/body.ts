import type { Node } from 'web-tree-sitter';
import type { BodyEvidence } from '../../model/call-site.js';
import { jsonNamesOf } from './json-names.js';
import { NO_BINDINGS, type Bindings, type CsResolver } from './resolve.js';
import { allChildren, argumentsOf, lastName, MAX_DEPTH, namedChildren, unwrap } from './syntax.js';

/** Calls that turn an object into a request body or its JSON text; the object is the first argument. */
const SERIALIZERS = new Set(['Create', 'Serialize', 'SerializeObject', 'SerializeToUtf8Bytes', 'FromObject']);
/** HttpContent types built from a string or bytes; the first argument is the content. */
const CONTENT_TYPES = new Set(['StringContent', 'ByteArrayContent', 'ReadOnlyMemoryContent']);

/** Fields gathered while reading one body. */
interface BodyFields {
  fields: Record<string, string | null>;
  complete: boolean;
}

/**
 * Reads the request body an expression builds: an anonymous object, an object initializer (with
 * `[JsonPropertyName]` names of the request class), a dictionary initializer, JSON text, or any
 * of these wrapped in `JsonContent.Create`, `JsonSerializer.Serialize` or `new StringContent`,
 * directly or through a local variable. Returns undefined when no object is found.
 */
export function readBody(expression: Node, resolver: CsResolver, bindings: Bindings = NO_BINDINGS): BodyEvidence | undefined {
  const found = findObject(expression, resolver, bindings);
  if (!found) {
    return undefined;
  }
  const result: BodyFields = { fields: {}, complete: true };
  if (found.node) {
    readObject(found.node, '', resolver, found.bindings, result, 0);
  } else {
    readJson(found.json, result);
  }
  return { fields: result.fields, complete: result.complete, offset: unwrap(expression).startIndex };
}

type FoundObject = { node: Node; bindings: Bindings } | { json: unknown; node?: undefined };

const OBJECT_TYPES = new Set(['anonymous_object_creation_expression', 'object_creation_expression', 'implicit_object_creation_expression']);

/** Follows wrappers and variables to the object expression, or to JSON text. */
function findObject(expression: Node, resolver: CsResolver, bindings: Bindings): FoundObject | undefined {
  let node = unwrap(expression);
  let scope = bindings;
  for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
    if (OBJECT_TYPES.has(node.type)) {
      const type = node.childForFieldName('type');
      const typeName = type ? lastName(type) : undefined;
      const first = argumentsOf(node)[0];
      if (typeName && CONTENT_TYPES.has(typeName) && first) {
        node = first;
        continue;
      }
      return namedChildren(node).some((child) => child.type === 'initializer_expression') || node.type === 'anonymous_object_creation_expression'
        ? { node, bindings: scope }
        : undefined;
    }
    if (node.type === 'invocation_expression') {
      const callee = node.childForFieldName('function');
      const name = callee ? lastName(callee) : undefined;
      const first = argumentsOf(node)[0];
      if (!name || !SERIALIZERS.has(name) || !first) {
        return undefined;
      }
      node = first;
      continue;
    }
    if (node.type === 'identifier' || node.type === 'member_access_expression') {
      const followed = resolver.follow(node, scope);
      if (followed?.kind !== 'node') {
        return undefined;
      }
      node = unwrap(followed.expression);
      scope = followed.bindings;
      continue;
    }
    const text = resolver.constant(node, scope);
    if (text === undefined) {
      return undefined;
    }
    try {
      return { json: JSON.parse(text) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** JSON property names of a class created with `new T { ... }`, from this file or the project. */
function jsonNamesFor(creation: Node, resolver: CsResolver): Map<string, string> {
  const type = creation.childForFieldName('type');
  const name = type ? lastName(type) : undefined;
  if (!name) {
    return new Map();
  }
  const local = resolver.typeNamed(name);
  if (local) {
    return jsonNamesOf(local);
  }
  return resolver.ctx.project?.typeTable(name)?.jsonNames ?? new Map();
}

function readObject(node: Node, prefix: string, resolver: CsResolver, bindings: Bindings, result: BodyFields, depth: number): void {
  if (depth > MAX_DEPTH) {
    result.complete = false;
    return;
  }
  if (node.type === 'anonymous_object_creation_expression') {
    for (const { name, value } of anonymousMembers(node)) {
      readValue(prefix + name, value, resolver, bindings, result, depth);
    }
    return;
  }
  const initializer = namedChildren(node).find((child) => child.type === 'initializer_expression');
  if (!initializer) {
    result.complete = false;
    return;
  }
  const jsonNames = node.type === 'object_creation_expression' ? jsonNamesFor(node, resolver) : new Map<string, string>();
  for (const entry of namedChildren(initializer)) {
    if (entry.type === 'assignment_expression') {
      const left = entry.childForFieldName('left');
      const right = entry.childForFieldName('right');
      if (!left || !right) {
        continue;
      }
      let name: string | undefined;
      if (left.type === 'identifier') {
        name = jsonNames.get(left.text) ?? left.text;
      } else if (left.type === 'element_binding_expression') {
        const key = namedChildren(left).find((child) => child.type === 'argument');
        name = key ? resolver.constant(key, bindings) : undefined;
      }
      if (name === undefined) {
        result.complete = false;
        continue;
      }
      readValue(prefix + name, right, resolver, bindings, result, depth);
    } else if (entry.type === 'initializer_expression') {
      // Collection initializer of a dictionary: `{ "key", value }`.
      const [key, value] = namedChildren(entry);
      const name = key ? resolver.constant(key, bindings) : undefined;
      if (name === undefined || !value) {
        result.complete = false;
        continue;
      }
      readValue(prefix + name, value, resolver, bindings, result, depth);
    } else if (entry.type !== 'comment') {
      result.complete = false;
    }
  }
}

/** Members of `new { type = "x", other.Name }`: explicit names, or the last name of a projected member. */
function anonymousMembers(node: Node): { name: string; value: Node }[] {
  const members: { name: string; value: Node }[] = [];
  const children = allChildren(node).filter((child) => child.type !== 'comment');
  for (let i = 0; i < children.length; i += 1) {
    const child = children[i]!;
    if (!child.isNamed) {
      continue;
    }
    if (children[i + 1]?.type === '=' && children[i + 2]) {
      members.push({ name: child.text, value: children[i + 2]! });
      i += 2;
    } else {
      const name = lastName(child);
      if (name) {
        members.push({ name, value: child });
      }
    }
  }
  return members;
}

function readValue(field: string, value: Node, resolver: CsResolver, bindings: Bindings, result: BodyFields, depth: number): void {
  const node = unwrap(value);
  if (OBJECT_TYPES.has(node.type) && (node.type === 'anonymous_object_creation_expression' || namedChildren(node).some((child) => child.type === 'initializer_expression'))) {
    readObject(node, `${field}.`, resolver, bindings, result, depth + 1);
    return;
  }
  result.fields[field] = resolver.constant(node, bindings) ?? null;
}

function readJson(value: unknown, result: BodyFields, prefix = ''): void {
  // JSON.parse output has bounded depth only by the text; a stack keeps deep nesting safe.
  const stack: { value: unknown; prefix: string }[] = [{ value, prefix }];
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
