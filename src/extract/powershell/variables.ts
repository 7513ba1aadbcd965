import type { Node } from 'web-tree-sitter';
import { collectNodes } from '../tree-sitter/collect.js';
import { BINDING_TYPES, type TypedNode } from './script-nodes.js';
import { memberName, namedChildren, unwrap, variableKey } from './tree.js';

/** One assignment to a variable or to a member of it (`$p.Type = ...`, `$p['Type'] = ...`). */
export interface Assignment {
  /** Variable key (see `variableKey`). */
  key: string;
  /** Member path after the variable, empty for `$x = ...`. */
  path: string[];
  /** The assigned expression. */
  value: Node;
  /** Span of the whole assignment, so a use inside its own right-hand side is not resolved by it. */
  start: number;
  end: number;
}

/**
 * Assignments of one script, in file order, with parameter defaults and class property
 * initialisers. Scopes are not modelled: a function's variable and a script variable of the same
 * name share one list, and the nearest assignment before a use wins.
 */
export class VariableTable {
  private readonly byKey = new Map<string, Assignment[]>();
  private readonly classProperties = new Map<string, Node>();

  /** Index a script's bindings. A caller that has collected the binding nodes already passes them as `bindings`. */
  static build(root: Node, bindings?: readonly TypedNode[]): VariableTable {
    const table = new VariableTable();
    const add = (node: Node, type: string): void => {
      if (type === 'assignment_expression') {
        table.addAssignment(node);
      } else if (type === 'script_parameter') {
        table.addParameterDefault(node);
      } else if (type === 'class_property_definition') {
        table.addClassProperty(node);
      }
    };
    if (bindings) {
      for (const { node, type } of bindings) {
        add(node, type);
      }
    } else {
      collectNodes(root, BINDING_TYPES, add);
    }
    return table;
  }

  /** The plain assignment (`$x = ...`) that a use at `at` sees: the nearest before it, else the first after. */
  plainAssignment(key: string, at: number): Assignment | undefined {
    const list = (this.byKey.get(key) ?? []).filter((entry) => entry.path.length === 0 && !(entry.start <= at && at < entry.end));
    let best: Assignment | undefined;
    for (const entry of list) {
      if (entry.start < at) {
        best = entry;
      }
    }
    return best ?? list[0];
  }

  /** Member assignments of `key` between two offsets, in file order. */
  memberAssignments(key: string, from: number, to: number): Assignment[] {
    return (this.byKey.get(key) ?? []).filter((entry) => entry.path.length > 0 && entry.start > from && entry.start < to);
  }

  /** Keys with at least one plain assignment, for exporting a dot-sourced file's variables. */
  plainKeys(): string[] {
    return [...this.byKey.entries()].filter(([, list]) => list.some((entry) => entry.path.length === 0)).map(([key]) => key);
  }

  /** The initialiser of a class property (`[string]$Base = '...'`), by name without `$`. */
  classProperty(name: string): Node | undefined {
    return this.classProperties.get(name.toLowerCase());
  }

  private add(entry: Assignment): void {
    const list = this.byKey.get(entry.key) ?? [];
    list.push(entry);
    this.byKey.set(entry.key, list);
  }

  private addAssignment(node: Node): void {
    const children = namedChildren(node);
    const left = children[0];
    const operator = children.find((child) => child.type === 'assignement_operator' || child.type === 'assignment_operator');
    const value = children.at(-1);
    if (!left || !operator || !value || operator.text.trim() !== '=' || value === left) {
      return;
    }
    const target = assignmentTarget(unwrap(left));
    if (target) {
      this.add({ ...target, value, start: node.startIndex, end: node.endIndex });
    }
  }

  private addParameterDefault(node: Node): void {
    if (offersChoice(node)) {
      // The caller picks one of several values, so the default is one case, not the value.
      return;
    }
    const variable = namedChildren(node).find((child) => child.type === 'variable');
    const initialiser = namedChildren(node).find((child) => child.type === 'script_parameter_default');
    const value = initialiser ? namedChildren(initialiser)[0] : undefined;
    if (variable && value) {
      this.add({ key: variableKey(variable.text), path: [], value, start: node.startIndex, end: node.endIndex });
    }
  }

  private addClassProperty(node: Node): void {
    const children = namedChildren(node);
    const variable = children.find((child) => child.type === 'variable');
    const value = children.at(-1);
    if (variable && value && value !== variable && node.children.some((child) => child?.type === '=')) {
      this.classProperties.set(variableKey(variable.text), value);
    }
  }
}

/** True when a parameter has `[ValidateSet(...)]` with two or more values. */
function offersChoice(parameter: Node): boolean {
  const attributes = namedChildren(parameter).find((child) => child.type === 'attribute_list');
  return (attributes ? namedChildren(attributes) : []).some((attribute) => {
    const [name, args] = namedChildren(attribute);
    return name?.type === 'attribute_name' && /^validateset$/i.test(name.text.trim()) && args !== undefined && namedChildren(args).length > 1;
  });
}

/** Maximum member path length read from an assignment target (`$a.b.c.d = ...`). */
const MAX_TARGET_DEPTH = 8;

/** Reads `$x`, `$x.a.b` or `$x['a']` as a variable key and member path; null for other targets. */
function assignmentTarget(node: Node): { key: string; path: string[] } | null {
  const path: string[] = [];
  let current = node;
  for (let depth = 0; depth < MAX_TARGET_DEPTH; depth++) {
    if (current.type === 'variable') {
      return current.text.startsWith('@') ? null : { key: variableKey(current.text), path };
    }
    if (current.type === 'member_access') {
      const name = memberName(current);
      const object = namedChildren(current)[0];
      if (!name || !object) {
        return null;
      }
      path.unshift(name);
      current = unwrap(object);
      continue;
    }
    if (current.type === 'element_access') {
      const [object, index] = namedChildren(current);
      const key = index ? unwrap(index) : undefined;
      if (!object || !key || !key.type.startsWith('verbatim_string') && key.type !== 'expandable_string_literal') {
        return null;
      }
      path.unshift(key.text.slice(1, -1));
      current = unwrap(object);
      continue;
    }
    return null;
  }
  return null;
}
