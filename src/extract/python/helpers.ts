import type { Node } from 'web-tree-sitter';
import { collectNodes } from '../tree-sitter/collect.js';
import { unwrap, type PyContext } from './context.js';
import { scopeDefinitions } from './definitions.js';
import { recognizeHttpCall, type PyHttpCall } from './http-calls.js';
import { bindArguments } from './parameters.js';
import { ResolveState } from './resolve.js';
import { dottedNames, enclosing, enclosingScope } from './scopes.js';

/**
 * How many helper calls deep a request is followed from the call that names the URL: the caller's
 * helper and up to two helpers that it calls in turn.
 */
const MAX_HELPER_DEPTH = 3;

/** How many local `x = ...` assignments are followed when asking whether a value uses a parameter. */
const MAX_LOCAL_HOPS = 3;

const CLASS_TYPES = new Set(['class_definition']);

/** A function defined in the scanned file, and whether a call passes its first parameter implicitly. */
interface HelperFunction {
  fn: Node;
  /** True for methods called on an instance or class (`self`, `cls`), whose first parameter the call does not pass. */
  skipFirst: boolean;
}

function decoratorNames(fn: Node): string[] {
  const parent = fn.parent;
  if (parent?.type !== 'decorated_definition') {
    return [];
  }
  return parent.namedChildren.filter((child): child is Node => child?.type === 'decorator').map((decorator) => decorator.text.replace(/^@\s*/, ''));
}

function isStaticMethod(fn: Node): boolean {
  return decoratorNames(fn).includes('staticmethod');
}

function isClassMethod(fn: Node): boolean {
  return decoratorNames(fn).includes('classmethod');
}

/** Finds a plain function by name in the scopes around a call, innermost first; class bodies are skipped, as in Python. */
function functionNamed(name: string, call: Node): Node | undefined {
  let scope: Node | null = enclosingScope(call);
  for (let guard = 0; scope && guard < 50; guard++) {
    if (scope.type !== 'class_definition') {
      const found = scopeDefinitions(scope).functions.get(name);
      if (found) {
        return found;
      }
    }
    scope = scope.type === 'module' ? null : enclosingScope(scope);
  }
  return undefined;
}

function methodOf(classNode: Node, name: string): Node | undefined {
  return scopeDefinitions(classNode).functions.get(name);
}

/**
 * Returns the function of this file that a call names: `helper(...)`, `self.method(...)`,
 * `cls.method(...)`, `Class.method(...)` and `obj.method(...)` where `obj = Class(...)`.
 */
function calledHelper(call: Node, ctx: PyContext): HelperFunction | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') {
    const fn = ctx.scopes.lookup(callee.text, call)?.parameterOf ? undefined : functionNamed(callee.text, call);
    return fn ? { fn, skipFirst: false } : undefined;
  }
  const names = callee ? dottedNames(callee) : undefined;
  if (!names || names.length !== 2) {
    return undefined;
  }
  const [base, member] = names as [string, string];
  if (base === 'self' || base === 'cls') {
    const owner = enclosing(call, CLASS_TYPES);
    const fn = owner ? methodOf(owner, member) : undefined;
    return fn ? { fn, skipFirst: !isStaticMethod(fn) } : undefined;
  }
  const binding = ctx.scopes.lookup(base, call);
  if (!binding) {
    const classNode = ctx.scopes.findClass(ctx.root, base);
    const fn = classNode ? methodOf(classNode, member) : undefined;
    return fn ? { fn, skipFirst: isClassMethod(fn) } : undefined;
  }
  const value = binding.value ? unwrap(binding.value) : undefined;
  const className = value?.type === 'call' ? value.childForFieldName('function') : undefined;
  const classNode = className?.type === 'identifier' ? ctx.scopes.findClass(ctx.root, className.text) : undefined;
  const fn = classNode ? methodOf(classNode, member) : undefined;
  return fn ? { fn, skipFirst: !isStaticMethod(fn) } : undefined;
}

function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/**
 * True when an expression uses a parameter of `fn`, directly or through a local variable of `fn`
 * (`url = GRAPH + path`), up to `hops` assignments deep.
 */
function usesParameter(expression: Node, fn: Node, ctx: PyContext, hops: number): boolean {
  let found = false;
  collectNodes(expression, ['identifier'], (node) => {
    if (found) {
      return false;
    }
    const binding = ctx.scopes.lookup(node.text, node);
    if (binding?.parameterOf?.id === fn.id) {
      found = true;
    } else if (hops > 0 && binding?.value && contains(fn, binding.value) && !contains(binding.value, node)) {
      found = usesParameter(binding.value, fn, ctx, hops - 1);
    }
    return undefined;
  });
  return found;
}

/** A request read through helper calls, with the context its URL and body are read in. */
export interface HelperRequest extends PyHttpCall {
  ctx: PyContext;
  /** The helper functions passed through, outermost first. */
  helpers: Node[];
}

/**
 * Finds the requests that helper functions of one file send with values from their parameters,
 * and reads calls of those helpers as requests with the caller's arguments. One instance serves
 * one parsed file.
 */
export class HelperRequests {
  /** Calls inside each helper (by function node id) that send a request built from its parameters. */
  private readonly requestsByHelper = new Map<number, Node[]>();

  constructor(private readonly ctx: PyContext) {}

  /**
   * Recognises a call of a helper such as `def _call(method, url, body=None): return
   * requests.request(method, url, json=body)`. The helper's request is read again with its
   * parameters bound to this call's arguments, so URL, method and body come from the caller.
   * NOTE: when a helper sends several requests (an `if` per method), the first one found wins.
   */
  recognize(call: Node, callerCtx: PyContext, state: ResolveState, depth = 0): HelperRequest | undefined {
    if (depth >= MAX_HELPER_DEPTH) {
      return undefined;
    }
    const helper = calledHelper(call, callerCtx);
    if (!helper || contains(helper.fn, call)) {
      return undefined;
    }
    const inner = this.requestsIn(helper.fn);
    if (inner.length === 0) {
      return undefined;
    }
    const helperCtx: PyContext = { ...callerCtx, bindings: bindArguments(helper.fn, call, callerCtx, helper.skipFirst) };
    for (const request of inner) {
      const direct = recognizeHttpCall(request, helperCtx, state);
      if (direct) {
        return { ...direct, node: call, ctx: helperCtx, helpers: [helper.fn] };
      }
      const nested = this.recognize(request, helperCtx, state, depth + 1);
      if (nested) {
        return { ...nested, node: call, helpers: [helper.fn, ...nested.helpers] };
      }
    }
    return undefined;
  }

  /** Lists the calls in a helper that send a request, directly or through another helper, with its parameters. */
  private requestsIn(fn: Node): Node[] {
    const cached = this.requestsByHelper.get(fn.id);
    if (cached) {
      return cached;
    }
    // Marked empty first, so a helper that reaches itself through another helper ends the search.
    this.requestsByHelper.set(fn.id, []);
    const found: Node[] = [];
    const body = fn.childForFieldName('body');
    if (body) {
      collectNodes(body, ['function_definition', 'class_definition', 'call'], (node, type) => {
        if (type === 'function_definition' || type === 'class_definition') {
          return false;
        }
        if (this.sendsWithParameters(node, fn)) {
          found.push(node);
        }
        return undefined;
      });
    }
    this.requestsByHelper.set(fn.id, found);
    return found;
  }

  private sendsWithParameters(call: Node, fn: Node): boolean {
    const args = call.childForFieldName('arguments');
    if (!args || !usesParameter(args, fn, this.ctx, MAX_LOCAL_HOPS)) {
      return false;
    }
    if (recognizeHttpCall(call, this.ctx, new ResolveState())) {
      return true;
    }
    const inner = calledHelper(call, this.ctx);
    return inner !== undefined && inner.fn.id !== fn.id && this.requestsIn(inner.fn).length > 0;
  }
}
