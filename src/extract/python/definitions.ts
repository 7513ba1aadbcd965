import type { Node, Tree } from 'web-tree-sitter';

/** Function and class definitions among the statements of one scope, by name. */
export interface ScopeDefinitions {
  /** The last function of each name, because a later `def` replaces an earlier one at runtime. */
  functions: Map<string, Node>;
  /** The first class of each name. */
  classes: Map<string, Node>;
}

/**
 * Definitions by scope node id, per parsed tree. Helper and class look-ups run for every call of
 * a file, and reading a scope's statements through the WebAssembly boundary each time made the
 * look-ups quadratic in the number of statements.
 */
const bodyCache = new WeakMap<Tree, Map<number, ScopeDefinitions>>();
const rootCache = new WeakMap<Tree, Map<number, ScopeDefinitions>>();

/**
 * Reads the definitions written directly in a scope (also decorated ones): the named children of
 * a module, else the statements of the scope's `body` field.
 */
export function scopeDefinitions(scope: Node): ScopeDefinitions {
  return cached(bodyCache, scope, () => (scope.type === 'module' ? scope.namedChildren : (scope.childForFieldName('body')?.namedChildren ?? [])));
}

/** Reads the definitions among the named children of a tree's root, whatever the root's type. */
export function rootDefinitions(root: Node): ScopeDefinitions {
  return cached(rootCache, root, () => root.namedChildren);
}

function cached(cache: WeakMap<Tree, Map<number, ScopeDefinitions>>, scope: Node, statements: () => readonly (Node | null)[]): ScopeDefinitions {
  let byScope = cache.get(scope.tree);
  if (!byScope) {
    byScope = new Map();
    cache.set(scope.tree, byScope);
  }
  let definitions = byScope.get(scope.id);
  if (!definitions) {
    definitions = readDefinitions(statements());
    byScope.set(scope.id, definitions);
  }
  return definitions;
}

function readDefinitions(statements: readonly (Node | null)[]): ScopeDefinitions {
  const definitions: ScopeDefinitions = { functions: new Map(), classes: new Map() };
  for (const statement of statements) {
    const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    const type = definition?.type;
    if (type !== 'function_definition' && type !== 'class_definition') {
      continue;
    }
    const name = definition!.childForFieldName('name')?.text;
    if (name === undefined) {
      continue;
    }
    if (type === 'function_definition') {
      definitions.functions.set(name, definition!);
    } else if (!definitions.classes.has(name)) {
      definitions.classes.set(name, definition!);
    }
  }
  return definitions;
}
