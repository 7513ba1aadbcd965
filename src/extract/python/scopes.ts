import type { Node } from 'web-tree-sitter';
import { collectNodes } from '../tree-sitter/collect.js';
import { rootDefinitions } from './definitions.js';

/** One assignment of a name: its value (null for a parameter or loop target), where it starts, and a type annotation. */
export interface Binding {
  value: Node | null;
  start: number;
  annotation?: Node;
  /** Set when the name is a parameter: the function that declares it (a call binds it to an argument). */
  parameterOf?: Node;
}

/** One assignment to an attribute of a name, such as `body.schedule.type = 'Once'` (path `schedule.type`). */
export interface AttributeAssignment {
  path: string;
  value: Node;
  start: number;
}

/** Names bound in one function, class or module body. */
export interface ScopeIndex {
  node: Node;
  names: Map<string, Binding[]>;
  /** Attribute assignments by the base name (`body`), in source order. */
  attributes: Map<string, AttributeAssignment[]>;
}

const SCOPE_TYPES = new Set(['module', 'function_definition', 'class_definition']);

/** The function, class or module that owns a node's bindings. */
export function enclosingScope(node: Node): Node {
  let current = node.parent;
  while (current && !SCOPE_TYPES.has(current.type)) {
    current = current.parent;
  }
  return current ?? node;
}

/** Finds the nearest enclosing node of one of the given types. */
export function enclosing(node: Node, types: ReadonlySet<string>): Node | null {
  let current = node.parent;
  while (current && !types.has(current.type)) {
    current = current.parent;
  }
  return current;
}

/** Reads `a.b.c` as the list of names `a`, `b`, `c`; undefined for anything else. */
export function dottedNames(node: Node): string[] | undefined {
  const names: string[] = [];
  let current: Node | null = node;
  for (let guard = 0; current && guard < 50; guard++) {
    if (current.type === 'identifier') {
      names.unshift(current.text);
      return names;
    }
    if (current.type !== 'attribute') {
      return undefined;
    }
    const attribute = current.childForFieldName('attribute');
    if (!attribute) {
      return undefined;
    }
    names.unshift(attribute.text);
    current = current.childForFieldName('object');
  }
  return undefined;
}

/** Reads `body["type"]` as the names `body`, `type` (a string key only). */
function subscriptNames(node: Node): string[] | undefined {
  const value = node.childForFieldName('value');
  const key = node.childForFieldName('subscript');
  const keyText = key?.type === 'string' ? key.namedChildren.find((child) => child?.type === 'string_content')?.text : undefined;
  return value?.type === 'identifier' && keyText ? [value.text, keyText] : undefined;
}

/** Node types that bind a name, read by `ScopeTable`. */
const BINDING_TYPES = ['assignment', 'as_pattern', 'parameters', 'for_statement', 'for_in_clause'];

/**
 * Indexes the bindings of every scope of a file in one walk: assignments (also annotated),
 * `with ... as name`, parameters, loop targets and attribute assignments. `self.x = ...` in a
 * method is recorded on the class as `self.x`.
 */
export class ScopeTable {
  private readonly scopes = new Map<number, ScopeIndex>();

  constructor(root: Node) {
    collectNodes(root, BINDING_TYPES, (node, type) => {
      switch (type) {
        case 'assignment':
          this.addAssignment(node);
          break;
        case 'as_pattern':
          this.addWithTarget(node);
          break;
        case 'parameters':
          this.addParameters(node);
          break;
        case 'for_statement':
        case 'for_in_clause': {
          const left = node.childForFieldName('left');
          if (left?.type === 'identifier') {
            this.bind(enclosingScope(node), left.text, { value: null, start: left.startIndex });
          }
          break;
        }
      }
    });
  }

  scopeOf(scopeNode: Node): ScopeIndex {
    let index = this.scopes.get(scopeNode.id);
    if (!index) {
      index = { node: scopeNode, names: new Map(), attributes: new Map() };
      this.scopes.set(scopeNode.id, index);
    }
    return index;
  }

  private bind(scopeNode: Node, name: string, binding: Binding): void {
    const names = this.scopeOf(scopeNode).names;
    const list = names.get(name) ?? [];
    list.push(binding);
    names.set(name, list);
  }

  private addAssignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left) {
      return;
    }
    const scope = enclosingScope(node);
    const annotation = node.childForFieldName('type') ?? undefined;
    if (left.type === 'identifier') {
      this.bind(scope, left.text, { value: right, start: node.startIndex, ...(annotation ? { annotation } : {}) });
      return;
    }
    let names: string[] | undefined;
    if (left.type === 'attribute') {
      names = dottedNames(left);
    } else if (left.type === 'subscript') {
      names = subscriptNames(left);
    }
    if (!names || names.length < 2 || !right) {
      return;
    }
    const [base, ...path] = names as [string, ...string[]];
    if ((base === 'self' || base === 'cls') && scope.type === 'function_definition') {
      const owner = enclosing(scope, new Set(['class_definition']));
      if (owner && path.length === 1) {
        this.bind(owner, `self.${path[0]}`, { value: right, start: node.startIndex });
      }
    }
    const attributes = this.scopeOf(scope).attributes;
    const list = attributes.get(base) ?? [];
    list.push({ path: path.join('.'), value: right, start: node.startIndex });
    attributes.set(base, list);
  }

  /** `with httpx.Client() as client:` binds `client` to the constructor call. */
  private addWithTarget(node: Node): void {
    if (node.parent?.type !== 'with_item') {
      return;
    }
    const value = node.namedChildren[0];
    const alias = node.childForFieldName('alias');
    const name = alias?.namedChildren[0] ?? alias;
    if (value && name?.type === 'identifier') {
      this.bind(enclosingScope(node), name.text, { value, start: node.startIndex });
    }
  }

  private addParameters(node: Node): void {
    const owner = node.parent;
    if (owner?.type !== 'function_definition' && owner?.type !== 'lambda') {
      return;
    }
    for (const parameter of node.namedChildren) {
      if (!parameter) {
        continue;
      }
      const name = parameter.type === 'identifier' ? parameter : parameter.namedChildren.find((child) => child?.type === 'identifier');
      if (!name) {
        continue;
      }
      const annotation = parameter.childForFieldName('type') ?? undefined;
      this.bind(owner, name.text, { value: null, start: parameter.startIndex, parameterOf: owner, ...(annotation ? { annotation } : {}) });
    }
  }

  /**
   * The binding a name has at `use`: the last assignment before it in the enclosing functions,
   * else the last one in the module (module constants may be assigned after the function that
   * reads them). Class bodies are skipped, as in Python.
   */
  lookup(name: string, use: Node): Binding | undefined {
    let scope: Node | null = enclosingScope(use);
    for (let guard = 0; scope && guard < 50; guard++) {
      const bindings = this.scopes.get(scope.id)?.names.get(name);
      if (scope.type === 'module') {
        return bindings?.at(-1);
      }
      if (bindings && scope.type === 'function_definition') {
        const before = bindings.filter((binding) => binding.start < use.startIndex);
        if (before.length > 0) {
          return before.at(-1);
        }
      }
      scope = scope.type === 'module' ? null : enclosingScope(scope);
    }
    return undefined;
  }

  /** Finds a class-level attribute or a `self.x` assignment of the class around `use` (`__init__` first). */
  lookupSelf(name: string, use: Node): Binding | undefined {
    const owner = enclosing(use, new Set(['class_definition']));
    if (!owner) {
      return undefined;
    }
    return this.classMember(owner, name);
  }

  classMember(classNode: Node, name: string): Binding | undefined {
    const index = this.scopes.get(classNode.id);
    const assigned = index?.names.get(`self.${name}`) ?? [];
    const inInit = assigned.find((binding) => {
      const method = enclosing(binding.value ?? classNode, new Set(['function_definition']));
      return method?.childForFieldName('name')?.text === '__init__';
    });
    return inInit ?? assigned[0] ?? index?.names.get(name)?.at(-1);
  }

  /** Finds the module-level class definition with this name. */
  findClass(root: Node, name: string): Node | undefined {
    return rootDefinitions(root).classes.get(name);
  }

  /** Attribute assignments to `base.x...` in the scope around `use`, made before `end`. */
  attributeAssignments(base: string, use: Node, end: number): AttributeAssignment[] {
    const scope = enclosingScope(use);
    return (this.scopes.get(scope.id)?.attributes.get(base) ?? []).filter((assignment) => assignment.start < end);
  }

  /** Names bound at module level, for the constants of an imported module. */
  moduleNames(root: Node): Map<string, Binding[]> {
    return this.scopes.get(root.id)?.names ?? new Map();
  }
}
