import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { fillFormat } from './format.js';
import { createsObject, readObject, type FieldValue } from './objects.js';
import { isStringNode, memberName, namedChildren, shortText, unwrap, variableKey } from './tree.js';
import { literalText, stringParts } from './strings.js';
import type { VariableTable } from './variables.js';

/** Maximum nesting of variable look-ups and nested expressions in one resolution. */
const MAX_DEPTH = 24;

/** Variables PowerShell defines itself; their values are not in the script. */
const AUTOMATIC = new Set(['true', 'false', 'null', 'psscriptroot', 'pscommandpath', '_', 'psitem', 'args', 'input', 'env:']);

/** Values of another file's or an outer script's variables, already resolved. */
export type OuterVariables = (key: string) => UrlPart[] | undefined;

/** Literals one resolution read, so the same literal is not reported twice. */
export class ResolveState {
  /** Start offsets of string nodes whose text went into the result. */
  readonly reads = new Set<number>();
  depth = 0;
  readonly visiting = new Set<string>();
}

/**
 * Turns PowerShell expressions into URL parts and literal values: quoted and here-strings,
 * variables assigned earlier (or in a dot-sourced file), `-f` format expressions, `+`
 * concatenation, sub-expressions, class properties read through `$this` and hashtable members.
 */
export class Resolver {
  constructor(
    readonly text: string,
    readonly table: VariableTable,
    private readonly outer: OuterVariables = () => undefined,
  ) {}

  parts(node: Node, state: ResolveState): UrlPart[] {
    if (state.depth >= MAX_DEPTH) {
      return [{ kind: 'dynamic', name: shortText(node), offset: node.startIndex }];
    }
    state.depth += 1;
    try {
      return this.partsOf(unwrap(node), state);
    } finally {
      state.depth -= 1;
    }
  }

  /**
   * The parts of a variable as a use at `at` sees it, without file offsets, for a script embedded
   * in this one (whose own offsets are shifted) or a file that dot-sources this one.
   */
  variableValue(key: string, at: number, resolvedFrom?: string): UrlPart[] | undefined {
    const assignment = this.table.plainAssignment(key, at);
    if (!assignment) {
      return this.outer(key);
    }
    if (createsObject(assignment.value)) {
      return undefined;
    }
    const state = new ResolveState();
    state.visiting.add(key);
    const parts = this.parts(assignment.value, state);
    if (!parts.some((part) => part.kind === 'literal')) {
      return undefined;
    }
    return parts.map((part): UrlPart => {
      if (part.kind === 'dynamic') {
        return { kind: 'dynamic', ...(part.name === undefined ? {} : { name: part.name }) };
      }
      return { kind: 'literal', text: part.text, resolvedFrom: resolvedFrom ?? part.resolvedFrom ?? `$${key}` };
    });
  }

  /** The literal value of an expression, or null when any part of it is dynamic. */
  value(node: Node, state: ResolveState): string | null {
    const parts = this.parts(node, state);
    return parts.length === 0 && !isEmptyString(unwrap(node)) ? null : literalText(parts);
  }

  /** The literal value of a field read from a hashtable, JSON text or node. */
  fieldValue(field: FieldValue, state: ResolveState): string | null {
    if (field.kind === 'text') {
      return field.text;
    }
    if (field.kind === 'node') {
      return this.value(field.node, state);
    }
    return null;
  }

  private partsOf(node: Node, state: ResolveState): UrlPart[] {
    if (isStringNode(node)) {
      state.reads.add(node.startIndex);
      return stringParts(node, this.text, (inner) => this.parts(inner, state));
    }
    switch (node.type) {
      case 'generic_token':
      case 'decimal_integer_literal':
      case 'hexadecimal_integer_literal':
      case 'real_literal':
      case 'integer_literal':
        return [{ kind: 'literal', text: node.text, offset: node.startIndex }];
      case 'variable':
        return this.variableParts(node, state);
      case 'member_access':
        return this.memberParts(node, state);
      case 'format_expression':
        return this.formatParts(node, state);
      case 'additive_expression':
        return this.additiveParts(node, state);
      default:
        return [{ kind: 'dynamic', name: shortText(node), offset: node.startIndex }];
    }
  }

  private dynamic(node: Node): UrlPart[] {
    return [{ kind: 'dynamic', name: shortText(node), offset: node.startIndex }];
  }

  private variableParts(node: Node, state: ResolveState): UrlPart[] {
    const written = node.text;
    const key = variableKey(written);
    if (written.startsWith('@') || AUTOMATIC.has(key) || key.startsWith('env:') || state.visiting.has(key)) {
      return this.dynamic(node);
    }
    const assignment = this.table.plainAssignment(key, node.startIndex);
    if (!assignment) {
      const outer = this.outer(key);
      return outer ?? this.dynamic(node);
    }
    if (createsObject(assignment.value)) {
      // A hashtable or object is not a string; its members are read where the code reads them.
      return this.dynamic(node);
    }
    state.visiting.add(key);
    try {
      const parts = this.parts(assignment.value, state);
      if (!parts.some((part) => part.kind === 'literal')) {
        return this.dynamic(node);
      }
      return parts.map((part) => (part.kind === 'literal' && !part.resolvedFrom ? { ...part, resolvedFrom: written } : part));
    } finally {
      state.visiting.delete(key);
    }
  }

  /** `$this.Base` reads a class property; `$request.Uri` reads a hashtable member. */
  private memberParts(node: Node, state: ResolveState): UrlPart[] {
    const name = memberName(node);
    const object = namedChildren(node)[0];
    if (!name || !object) {
      return this.dynamic(node);
    }
    const target = unwrap(object);
    if (target.type === 'variable' && variableKey(target.text) === 'this') {
      const initialiser = this.table.classProperty(name);
      return initialiser ? this.parts(initialiser, state) : this.dynamic(node);
    }
    const container = readObject(this, object, state);
    const field = container ? findField(container.entries, name) : undefined;
    if (field?.kind === 'node') {
      return this.parts(field.node, state);
    }
    if (field?.kind === 'text' && field.text !== null) {
      return [{ kind: 'literal', text: field.text }];
    }
    return this.dynamic(node);
  }

  /** `'{0}/privilegedAccess/{1}' -f $base, $provider`: placeholders filled by the arguments. */
  private formatParts(node: Node, state: ResolveState): UrlPart[] {
    const children = namedChildren(node);
    const operatorIndex = children.findIndex((child) => child.type === 'format_operator');
    if (operatorIndex !== 1 || children.length < 3) {
      return this.dynamic(node);
    }
    const template = this.parts(children[0]!, state);
    const argumentList = unwrap(children[2]!);
    const argumentNodes = argumentList.type === 'array_literal_expression' ? namedChildren(argumentList) : [argumentList];
    const args = argumentNodes.map((argument) => this.parts(argument, state));
    return fillFormat(template, args);
  }

  private additiveParts(node: Node, state: ResolveState): UrlPart[] {
    const operator = node.children.find((child) => child && !child.isNamed && (child.type === '+' || child.type === '-'));
    const [left, right] = namedChildren(node);
    if (!operator || operator.type !== '+' || !left || !right) {
      return this.dynamic(node);
    }
    return [...this.parts(left, state), ...this.parts(right, state)];
  }
}

function isEmptyString(node: Node): boolean {
  return isStringNode(node) && /^(['"])\1$/.test(node.text);
}

/** A field of an object by name, ignoring case as PowerShell hashtables do. */
export function findField(entries: ReadonlyMap<string, FieldValue>, name: string): FieldValue | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of entries) {
    if (key.toLowerCase() === lower) {
      return value;
    }
  }
  return undefined;
}
