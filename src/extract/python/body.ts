import type { Node } from 'web-tree-sitter';
import type { BodyEvidence } from '../../model/call-site.js';
import { jsonBodyFields, UNKNOWN_MARK } from '../common/json-text-body.js';
import { MAX_DEPTH, unwrap, type PyContext } from './context.js';
import { calleeName, keywordArgument, positionalArguments, resolveParts, resolveText, type ResolveState } from './resolve.js';
import { dottedNames } from './scopes.js';
import { boundValue } from './parameters.js';

/** Model keyword arguments that carry extra JSON properties, read as top-level fields. */
const ADDITIONAL_DATA = 'additional_data';

interface BodyBuilder {
  fields: Record<string, string | null>;
  complete: boolean;
}

/** True for a call of a class (a model constructor such as `GovernanceSchedule(...)`), by the naming convention. */
function isConstructorCall(node: Node): boolean {
  const name = calleeName(node);
  return node.type === 'call' && name !== undefined && /^[A-Z]/.test(name);
}

function isJsonDumps(node: Node): boolean {
  const callee = node.childForFieldName('function');
  const names = callee ? dottedNames(callee) : undefined;
  return names?.at(-1) === 'dumps' && (names.length === 1 || names.at(-2) === 'json');
}

/** Writes a field's value: a string when known, nested fields for dicts and models, else null. */
function addValue(builder: BodyBuilder, path: string, value: Node, ctx: PyContext, state: ResolveState, depth: number): void {
  const node = unwrap(value);
  if (node.type === 'dictionary' || (node.type === 'call' && (isConstructorCall(node) || calleeName(node) === 'dict'))) {
    readInto(builder, node, path, ctx, state, depth + 1);
    return;
  }
  if (node.type === 'true' || node.type === 'false' || node.type === 'integer' || node.type === 'float') {
    builder.fields[path] = node.text === 'True' || node.text === 'False' ? node.text.toLowerCase() : node.text;
    return;
  }
  builder.fields[path] = resolveText(node, ctx, state, depth + 1) ?? null;
}

function keyText(key: Node, ctx: PyContext, state: ResolveState, depth: number): string | undefined {
  return resolveText(key, ctx, state, depth + 1);
}

/** Reads a dict literal, `dict(...)`, a model constructor, `json.dumps(...)` or a name bound to one into the builder. */
function readInto(builder: BodyBuilder, expression: Node, prefix: string, ctx: PyContext, state: ResolveState, depth: number, end = expression.startIndex): void {
  const node = unwrap(expression);
  const join = (name: string): string => (prefix ? `${prefix}.${name}` : name);
  if (depth > MAX_DEPTH) {
    builder.complete = false;
    return;
  }
  if (node.type === 'dictionary') {
    for (const child of node.namedChildren) {
      if (child?.type === 'pair') {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        const name = key ? keyText(key, ctx, state, depth) : undefined;
        if (name === undefined || !value) {
          builder.complete = false;
          continue;
        }
        addValue(builder, join(name), value, ctx, state, depth);
      } else if (child?.type === 'dictionary_splat') {
        builder.complete = false;
      }
    }
    return;
  }
  if (node.type === 'call' && isJsonDumps(node)) {
    const first = positionalArguments(node)[0];
    if (first) {
      readInto(builder, first, prefix, ctx, state, depth + 1, end);
    }
    return;
  }
  if (node.type === 'call' && (isConstructorCall(node) || calleeName(node) === 'dict')) {
    if (positionalArguments(node).length > 0) {
      builder.complete = false;
    }
    for (const child of node.childForFieldName('arguments')?.namedChildren ?? []) {
      if (child?.type === 'dictionary_splat') {
        builder.complete = false;
      }
      const name = child?.type === 'keyword_argument' ? child.childForFieldName('name')?.text : undefined;
      const value = child?.childForFieldName('value');
      if (!name || !value) {
        continue;
      }
      if (name === ADDITIONAL_DATA) {
        readInto(builder, value, prefix, ctx, state, depth + 1, end);
      } else {
        addValue(builder, join(name), value, ctx, state, depth);
      }
    }
    return;
  }
  if (node.type === 'string' || node.type === 'concatenated_string') {
    const parts = resolveParts(node, ctx, state, depth + 1);
    const text = parts.map((part) => (part.kind === 'literal' ? part.text : UNKNOWN_MARK)).join('');
    const read = jsonBodyFields(text);
    if (read) {
      Object.assign(builder.fields, Object.fromEntries(Object.entries(read.fields).map(([key, value]) => [join(key), value])));
      builder.complete &&= read.complete;
    } else {
      builder.complete = false;
    }
    return;
  }
  if (node.type === 'identifier') {
    const binding = ctx.scopes.lookup(node.text, node);
    const bound = binding ? boundValue(binding, ctx) : undefined;
    if (bound) {
      // A helper's parameter: read the caller's argument where the caller wrote it.
      if (bound.value) {
        readInto(builder, bound.value, prefix, bound.ctx, state, depth + 1, bound.value.startIndex);
      } else {
        builder.complete = false;
      }
      return;
    }
    if (!binding?.value) {
      builder.complete = false;
      return;
    }
    readInto(builder, binding.value, prefix, ctx, state, depth + 1, end);
    // `body = Model(); body.type = 'AdminAdd'; body["reason"] = ...` before the request.
    for (const assignment of ctx.scopes.attributeAssignments(node.text, node, end)) {
      if (assignment.path === ADDITIONAL_DATA) {
        readInto(builder, assignment.value, prefix, ctx, state, depth + 1, end);
      } else {
        addValue(builder, join(assignment.path), assignment.value, ctx, state, depth);
      }
    }
    return;
  }
  builder.complete = false;
}

/**
 * Reads request-body fields from an expression: a dict, a model constructor with keyword
 * arguments (nested models become dotted paths), `json.dumps(...)` or a JSON string. A name
 * bound to one of these also gets the attribute and key assignments made to it before the request.
 */
export function readBody(expression: Node, ctx: PyContext, state: ResolveState): BodyEvidence {
  const builder: BodyBuilder = { fields: {}, complete: true };
  readInto(builder, expression, '', ctx, state, 0);
  const body: BodyEvidence = { fields: builder.fields, complete: builder.complete };
  if (ctx.sameFile) {
    body.offset = expression.startIndex;
  }
  return body;
}

/** Returns the body expression of an HTTP client call: `json=`, else `data=`/`content=`. */
export function bodyArgument(call: Node): Node | undefined {
  return keywordArgument(call, 'json') ?? keywordArgument(call, 'data') ?? keywordArgument(call, 'content');
}
