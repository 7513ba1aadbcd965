import type { Node } from 'web-tree-sitter';
import type { BodyEvidence } from '../../model/call-site.js';
import { findLocalValue, type JavaResolver } from './resolve.js';
import { bodyFromJsonParts } from '../common/json-parts-body.js';
import { literalText, ResolveState } from '../common/resolve-state.js';

/** Nesting of model objects read through setters (`body.setSchedule(schedule)`). */
const MAX_MODEL_DEPTH = 4;

/** Wrappers whose first string argument is the body text. */
const BODY_WRAPPERS = new Set(['ofString', 'create', 'fromValue', 'bodyValue', 'body', 'just']);

/**
 * Reads a request body from a Java expression: a model object filled with setters, a `Map.of`,
 * JSON text (a text block or string), or a wrapper around one (`BodyPublishers.ofString(json)`,
 * `RequestBody.create(json, type)`, `new HttpEntity<>(body, headers)`).
 */
export function readJavaBody(node: Node, resolver: JavaResolver, depth = 0): BodyEvidence | undefined {
  if (depth > MAX_MODEL_DEPTH) {
    return undefined;
  }
  if (node.type === 'identifier') {
    const value = findLocalValue(node, node.text);
    if (value?.type === 'object_creation_expression') {
      return readSetters(node.text, value, resolver, depth);
    }
    return value ? readJavaBody(value, resolver, depth + 1) : undefined;
  }
  if (node.type === 'object_creation_expression') {
    const type = node.childForFieldName('type')?.text ?? '';
    const first = node.childForFieldName('arguments')?.namedChildren[0];
    if (/^HttpEntity\b|^RequestEntity\b/.test(type) && first) {
      return readJavaBody(first, resolver, depth + 1);
    }
    return undefined;
  }
  if (node.type === 'method_invocation') {
    const name = node.childForFieldName('name')?.text ?? '';
    const object = node.childForFieldName('object')?.text ?? '';
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null);
    if ((object === 'Map' || object === 'java.util.Map') && name === 'of') {
      return mapOfBody(node, args, resolver);
    }
    if (BODY_WRAPPERS.has(name)) {
      for (const arg of args) {
        const body = readJavaBody(arg, resolver, depth + 1);
        if (body) {
          return body;
        }
      }
    }
  }
  const parts = resolver.resolve(node, new ResolveState());
  return bodyFromJsonParts(parts, node.startIndex);
}

function valueText(node: Node, resolver: JavaResolver): string | null {
  return literalText(resolver.resolve(node, new ResolveState())) ?? null;
}

function mapOfBody(node: Node, args: Node[], resolver: JavaResolver): BodyEvidence {
  const body: BodyEvidence = { fields: {}, complete: args.length % 2 === 0, offset: node.startIndex };
  for (let i = 0; i + 1 < args.length; i += 2) {
    const key = valueText(args[i]!, resolver);
    if (key === null) {
      body.complete = false;
      continue;
    }
    body.fields[key] = valueText(args[i + 1]!, resolver);
  }
  return body;
}

/**
 * Reads `name.setType("AdminAdd")` calls on a model variable in its method, as fields named after
 * the setter without `set` and with a lower-case first letter (`type`). A setter whose argument
 * is another model variable adds that model's fields under a dotted path (`schedule.type`).
 */
function readSetters(name: string, creation: Node, resolver: JavaResolver, depth: number): BodyEvidence {
  const body: BodyEvidence = { fields: {}, complete: true, offset: creation.startIndex };
  let scope: Node | null = creation.parent;
  while (scope && scope.type !== 'block' && scope.type !== 'constructor_body') {
    scope = scope.parent;
  }
  if (!scope) {
    return body;
  }
  const stack: Node[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'method_invocation' && node.childForFieldName('object')?.text === name) {
      const setter = node.childForFieldName('name')?.text ?? '';
      const argument = node.childForFieldName('arguments')?.namedChildren[0];
      if (/^set[A-Z_]/.test(setter) && argument) {
        const field = setter.charAt(3).toLowerCase() + setter.slice(4);
        const nested = argument.type === 'identifier' ? readNestedModel(argument, resolver, depth) : undefined;
        if (nested) {
          for (const [key, value] of Object.entries(nested.fields)) {
            body.fields[`${field}.${key}`] = value;
          }
          body.complete &&= nested.complete;
        } else {
          body.fields[field] = valueText(argument, resolver);
        }
      }
    }
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) {
        stack.push(child);
      }
    }
  }
  return body;
}

function readNestedModel(argument: Node, resolver: JavaResolver, depth: number): BodyEvidence | undefined {
  const value = findLocalValue(argument, argument.text);
  return value?.type === 'object_creation_expression' ? readSetters(argument.text, value, resolver, depth + 1) : undefined;
}
