import type { Node } from 'web-tree-sitter';
import type { ArgumentBinding, PyContext } from './context.js';
import { unwrap } from './context.js';
import type { Binding } from './scopes.js';

/** One declared parameter of a function, in order. */
interface Parameter {
  name: string;
  /** Start offset of the parameter, the key of its binding. */
  start: number;
  defaultValue?: Node;
  /** False after `*`, `*args` or before nothing: such parameters take keyword arguments only. */
  positional: boolean;
  /** `*args` and `**kwargs` collect what is left, so they bind to no single argument. */
  collects: boolean;
}

/** Lists the parameters of a function definition as Python binds them. */
function parametersOf(fn: Node): Parameter[] {
  const list = fn.childForFieldName('parameters');
  const parameters: Parameter[] = [];
  let positional = true;
  for (const node of list?.namedChildren ?? []) {
    if (!node) {
      continue;
    }
    if (node.type === 'keyword_separator') {
      positional = false;
      continue;
    }
    if (node.type === 'positional_separator') {
      continue;
    }
    const collects = node.type === 'list_splat_pattern' || node.type === 'dictionary_splat_pattern';
    const nameNode = node.type === 'identifier' ? node : (node.childForFieldName('name') ?? node.namedChildren.find((child) => child?.type === 'identifier'));
    if (!nameNode || nameNode.type !== 'identifier') {
      continue;
    }
    const defaultValue = node.childForFieldName('value') ?? undefined;
    parameters.push({ name: nameNode.text, start: node.startIndex, positional: positional && !collects, collects, ...(defaultValue ? { defaultValue } : {}) });
    if (node.type === 'list_splat_pattern') {
      positional = false;
    }
  }
  return parameters;
}

/**
 * Binds the parameters of `fn` to the arguments of `call`: positional arguments in order (after
 * `self` or `cls` when `skipFirst` is set), keyword arguments by name, and defaults for the
 * parameters the call leaves out. A caller's `*list` or `**dict` splat may fill any parameter
 * not given explicitly, so those stay unknown.
 */
export function bindArguments(fn: Node, call: Node, callerCtx: PyContext, skipFirst: boolean): Map<number, ArgumentBinding> {
  const parameters = parametersOf(fn).slice(skipFirst ? 1 : 0);
  const moduleCtx: PyContext = { ...callerCtx, bindings: undefined };
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  let hasSplat = false;
  for (const child of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!child || child.type === 'comment') {
      continue;
    }
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')?.text;
      const value = child.childForFieldName('value');
      if (name && value) {
        keywords.set(name, value);
      }
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      hasSplat = true;
    } else {
      positional.push(child);
    }
  }
  const bindings = new Map<number, ArgumentBinding>();
  let next = 0;
  for (const parameter of parameters) {
    if (parameter.collects) {
      bindings.set(parameter.start, { ctx: callerCtx, fromCaller: false });
      continue;
    }
    const byPosition = parameter.positional ? positional[next] : undefined;
    if (byPosition) {
      next += 1;
      bindings.set(parameter.start, { value: byPosition, ctx: callerCtx, fromCaller: true });
      continue;
    }
    const byName = keywords.get(parameter.name);
    if (byName) {
      bindings.set(parameter.start, { value: byName, ctx: callerCtx, fromCaller: true });
    } else if (parameter.defaultValue && !hasSplat) {
      bindings.set(parameter.start, { value: parameter.defaultValue, ctx: moduleCtx, fromCaller: false });
    } else {
      bindings.set(parameter.start, { ctx: callerCtx, fromCaller: false });
    }
  }
  return bindings;
}

/**
 * Returns the value bound to a parameter while a helper's request is read, or undefined when the
 * binding is not a parameter of a bound helper call.
 */
export function boundValue(binding: Binding, ctx: PyContext): ArgumentBinding | undefined {
  if (!binding.parameterOf || !ctx.bindings) {
    return undefined;
  }
  return ctx.bindings.get(binding.start);
}

/** True for the `None` literal, which a helper's `body=None` default leaves as no body. */
export function isNone(node: Node): boolean {
  return unwrap(node).type === 'none';
}

/**
 * Follows a name through parameter bindings to the expression that gives its value, such as the
 * caller's dict for a helper's `json=body`. Returns undefined when a parameter has no known value.
 */
export function followBindings(node: Node, ctx: PyContext): { node: Node; ctx: PyContext } | undefined {
  let current = { node, ctx };
  // Each step leaves one helper for its caller, so the helper depth bounds the loop.
  for (let step = 0; step < 10; step++) {
    const inner = unwrap(current.node);
    if (inner.type !== 'identifier') {
      return current;
    }
    const binding = current.ctx.scopes.lookup(inner.text, inner);
    const bound = binding ? boundValue(binding, current.ctx) : undefined;
    if (!bound) {
      return current;
    }
    if (!bound.value) {
      return undefined;
    }
    current = { node: bound.value, ctx: bound.ctx };
  }
  return current;
}
