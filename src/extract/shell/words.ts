import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';
import { shortText } from '../tree-sitter/node-text.js';

/** Maximum number of variables followed from one word (`A=$B`, `B=$C`...). */
const MAX_DEPTH = 20;

/** Expansion operators that give a default when the variable is unset or empty: `${VAR:-x}`, `${VAR:=x}`. */
const DEFAULT_OPERATORS = new Set([':-', '-', ':=', '=']);

/** Node types whose text the shell computes at run time. */
const RUNTIME_NODES = new Set(['command_substitution', 'arithmetic_expansion', 'process_substitution']);

interface Assignment {
  /** End offset of the assignment: `X="$X/y"` reads the value X had before it. */
  end: number;
  value: Node | null;
}

/** Removes the backslashes of `\"`, `\\`, `\$` and `` \` `` inside double quotes (other backslashes stay). */
function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([\\"$`\n])/g, (_match, char: string) => (char === '\n' ? '' : char));
}

/** Removes the backslash of every escaped character in an unquoted word. */
function unescapeWord(text: string): string {
  return text.replace(/\\(.)/gs, (_match, char: string) => (char === '\n' ? '' : char));
}

/**
 * Turns shell words into URL parts. Variables take the value of their last assignment before
 * the word (`VAR=...`, `export VAR=...`, `local VAR=...`), `${VAR:-default}` falls back to its
 * default, and command substitutions become dynamic parts.
 * NOTE: assignments are read in text order, so a value set inside a branch or loop counts as
 * if the branch always ran.
 */
export class ShellWords {
  private readonly assignments = new Map<string, Assignment[]>();
  /** Start offsets of the quoted strings and words whose text went into a resolved value. */
  reads = new Set<number>();

  constructor(root: Node) {
    walk(root, (node) => {
      if (node.type === 'variable_assignment') {
        const name = node.childForFieldName('name');
        if (name) {
          const list = this.assignments.get(name.text) ?? [];
          list.push({ end: node.endIndex, value: node.childForFieldName('value') });
          this.assignments.set(name.text, list);
        }
      } else if (node.type === 'for_statement') {
        const variable = node.childForFieldName('variable');
        if (variable) {
          const list = this.assignments.get(variable.text) ?? [];
          list.push({ end: node.startIndex, value: null });
          this.assignments.set(variable.text, list);
        }
      }
      return undefined;
    });
  }

  /** Starts a new record of the literals read, for one reported value. */
  beginRead(): void {
    this.reads = new Set();
  }

  /** Returns the text of a word when it has no run-time parts. */
  text(node: Node): string | undefined {
    let text = '';
    for (const part of this.parts(node)) {
      if (part.kind !== 'literal') {
        return undefined;
      }
      text += part.text;
    }
    return text;
  }

  parts(node: Node, depth = 0): UrlPart[] {
    if (depth > MAX_DEPTH) {
      return [{ kind: 'dynamic', name: shortText(node), offset: node.startIndex }];
    }
    switch (node.type) {
      case 'word':
      case 'number':
        this.reads.add(node.startIndex);
        return [{ kind: 'literal', text: unescapeWord(node.text), offset: node.startIndex }];
      case 'raw_string':
        this.reads.add(node.startIndex);
        return [{ kind: 'literal', text: node.text.slice(1, -1), offset: node.startIndex + 1 }];
      case 'ansi_c_string':
        this.reads.add(node.startIndex);
        return [{ kind: 'literal', text: node.text.slice(2, -1), offset: node.startIndex + 2 }];
      case 'string':
        this.reads.add(node.startIndex);
        return this.sequence(node, node.startIndex + 1, node.endIndex - 1, depth, unescapeDoubleQuoted);
      case 'concatenation':
        return this.sequence(node, node.startIndex, node.endIndex, depth, unescapeWord);
      case 'simple_expansion':
      case 'expansion':
        return this.expansion(node, depth);
      default:
        return [{ kind: 'dynamic', name: shortText(node), offset: node.startIndex }];
    }
  }

  /**
   * Reads the children of a string, concatenation or heredoc body between `from` and `to`. Text
   * between child nodes (the grammar leaves some literal text without a node) is literal.
   */
  sequence(node: Node, from: number, to: number, depth: number, unescape: (text: string) => string): UrlPart[] {
    const parts: UrlPart[] = [];
    const source = node.text;
    const addText = (start: number, end: number): void => {
      if (end > start) {
        const text = unescape(source.slice(start - node.startIndex, end - node.startIndex));
        if (text) {
          parts.push({ kind: 'literal', text, offset: start });
        }
      }
    };
    let at = from;
    for (const child of node.children) {
      if (!child || child.startIndex < from || child.endIndex > to) {
        continue;
      }
      if (child.type === 'string_content' || child.type === 'heredoc_content') {
        continue;
      }
      addText(at, child.startIndex);
      if (child.type === 'simple_expansion' || child.type === 'expansion' || RUNTIME_NODES.has(child.type)) {
        parts.push(...this.parts(child, depth + 1));
      } else if (child.type === 'word' || child.type === 'number') {
        parts.push({ kind: 'literal', text: unescape(child.text), offset: child.startIndex });
      } else {
        parts.push(...this.parts(child, depth + 1));
      }
      at = child.endIndex;
    }
    addText(at, to);
    return parts;
  }

  private expansion(node: Node, depth: number): UrlPart[] {
    const name = node.namedChildren.find((child) => child?.type === 'variable_name' || child?.type === 'special_variable_name');
    const dynamic: UrlPart = { kind: 'dynamic', name: shortText(node), offset: node.startIndex };
    if (!name) {
      return [dynamic];
    }
    const operator = node.childForFieldName('operator')?.text;
    if (operator !== undefined && !DEFAULT_OPERATORS.has(operator)) {
      // `${A#prefix}`, `${A/x/y}` and other operators change the value in ways not modelled here.
      return [dynamic];
    }
    const assigned = this.valueAt(name.text, node.startIndex);
    if (assigned?.value) {
      const value = this.parts(assigned.value, depth + 1);
      return value.map((part) => (part.kind === 'literal' && !part.resolvedFrom ? { ...part, resolvedFrom: `$${name.text}` } : part));
    }
    if (operator !== undefined && !assigned) {
      const fallback = node.namedChildren.filter((child): child is Node => child !== null && child.startIndex > name.endIndex);
      if (fallback.length > 0) {
        return fallback.flatMap((child) => this.parts(child, depth + 1));
      }
    }
    return [{ kind: 'dynamic', name: name.text, offset: node.startIndex }];
  }

  /** Finds the last assignment of a variable before an offset (a fragment may use a variable it never sets). */
  private valueAt(name: string, offset: number): Assignment | undefined {
    const list = this.assignments.get(name);
    return list?.filter((assignment) => assignment.end <= offset).at(-1);
  }
}
