import type { Node } from 'web-tree-sitter';
import { MAX_ANCESTORS, namedChildren, sameNode } from './syntax.js';

/**
 * What a name means where it is used. `index` is the position of the name on the left of a
 * multi-value declaration (`body, err := json.Marshal(x)` gives the call with index 0).
 */
export type GoLookup = { kind: 'value'; expression: Node; index: number } | { kind: 'parameter' } | undefined;

/** The value a declaration (`x := v`, `var x = v`, `const x = v`) gives `name`, if it declares it. */
export function declaredValue(declaration: Node, name: string): GoLookup {
  if (declaration.type === 'short_var_declaration' || declaration.type === 'assignment_statement') {
    if (declaration.type === 'assignment_statement' && declaration.child(1)?.type !== '=') {
      return undefined;
    }
    return fromLists(declaration.childForFieldName('left'), declaration.childForFieldName('right'), name);
  }
  if (declaration.type === 'var_declaration' || declaration.type === 'const_declaration') {
    for (const spec of declaration.descendantsOfType(['var_spec', 'const_spec'])) {
      if (!spec) {
        continue;
      }
      const names = spec.childrenForFieldName('name').filter((child): child is Node => child !== null);
      const index = names.findIndex((child) => child.text === name);
      if (index === -1) {
        continue;
      }
      const values = spec.childForFieldName('value');
      const list = values ? namedChildren(values) : [];
      const value = list.length === names.length ? list[index] : list.length === 1 ? list[0] : undefined;
      return value ? { kind: 'value', expression: value, index: list.length === names.length ? 0 : index } : { kind: 'parameter' };
    }
  }
  return undefined;
}

function fromLists(left: Node | null, right: Node | null, name: string): GoLookup {
  const names = left ? namedChildren(left) : [];
  const index = names.findIndex((child) => child.type === 'identifier' && child.text === name);
  if (index === -1) {
    return undefined;
  }
  const values = right ? namedChildren(right) : [];
  if (values.length === names.length) {
    return { kind: 'value', expression: values[index]!, index: 0 };
  }
  return values.length === 1 ? { kind: 'value', expression: values[0]!, index } : { kind: 'parameter' };
}

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

function declaresParameter(fn: Node, name: string): boolean {
  for (const field of ['parameters', 'receiver', 'result']) {
    const list = fn.childForFieldName(field);
    for (const parameter of list ? namedChildren(list) : []) {
      if (parameter.childrenForFieldName('name').some((child) => child?.text === name)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Finds the nearest declaration of a local name before its use: in the statements of enclosing
 * blocks, in `if`/`for`/`switch` initializers, or as a parameter or range variable.
 * NOTE: a later plain assignment (`x = ...`) is not seen; the declaration wins.
 */
export function lookupLocal(name: string, use: Node): GoLookup {
  let child: Node = use;
  let parent = use.parent;
  for (let i = 0; parent && i < MAX_ANCESTORS; i += 1) {
    if (parent.type === 'source_file') {
      return undefined;
    }
    if (parent.type === 'statement_list' || parent.type === 'block') {
      const statements = namedChildren(parent);
      const index = statements.findIndex((statement) => sameNode(statement, child));
      for (let j = index - 1; j >= 0; j -= 1) {
        const found = declaredValue(statements[j]!, name);
        if (found) {
          return found;
        }
      }
    }
    const initializer = parent.childForFieldName('initializer');
    if (initializer && !sameNode(initializer, child)) {
      const found = declaredValue(initializer, name);
      if (found) {
        return found;
      }
    }
    if (parent.type === 'for_statement' || parent.type === 'type_switch_statement') {
      const range = namedChildren(parent).find((inner) => inner.type === 'range_clause');
      if ((range?.childForFieldName('left')?.text ?? '').split(',').some((part) => part.trim() === name)) {
        return { kind: 'parameter' };
      }
    }
    if (FUNCTIONS.has(parent.type) && declaresParameter(parent, name)) {
      return { kind: 'parameter' };
    }
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}

/** Top-level `const` and `var` declarations of a file, by name. */
export function packageValues(root: Node): Map<string, Node> {
  const values = new Map<string, Node>();
  for (const declaration of namedChildren(root)) {
    if (declaration.type !== 'const_declaration' && declaration.type !== 'var_declaration') {
      continue;
    }
    for (const spec of declaration.descendantsOfType(['const_spec', 'var_spec'])) {
      const names = spec?.childrenForFieldName('name').filter((child): child is Node => child !== null) ?? [];
      const list = spec?.childForFieldName('value');
      const items = list ? namedChildren(list) : [];
      names.forEach((name, index) => {
        const value = items.length === names.length ? items[index] : undefined;
        if (value && !values.has(name.text)) {
          values.set(name.text, value);
        }
      });
    }
  }
  return values;
}

/** Struct types declared at the top level of a file, by name. */
export function structTypes(root: Node): Map<string, Node> {
  const types = new Map<string, Node>();
  for (const spec of root.descendantsOfType('type_spec')) {
    const name = spec?.childForFieldName('name')?.text;
    const type = spec?.childForFieldName('type');
    if (spec && name && type?.type === 'struct_type' && spec.parent?.parent?.type === 'source_file') {
      types.set(name, type);
    }
  }
  return types;
}
