import type { Node } from 'jsonc-parser';
import type { UrlPart } from '../../model/call-site.js';
import { splitPlaceholders, type OffsetMap } from '../common/url-text.js';
import { stringNodeText } from '../common/json-string.js';
import { allNodes, property, propertyName } from './json-tree.js';
import { literalText } from '../common/resolve-state.js';

/** `@{expression}` inside a Logic App string; one level of nested braces is allowed. */
const INTERPOLATION = /@\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;
/** `parameters('name')` or `variables('name')`, the whole expression. */
const REFERENCE = /^\s*(parameters|variables)\(\s*'([^']*)'\s*\)\s*$/;
/** `concat(` at the start of an expression. */
const CONCAT = /^\s*concat\s*\(/i;
/** Parameter values that refer to other parameters are followed this deep. */
const MAX_DEPTH = 6;

/**
 * Turns string values of Logic App workflow definitions and ARM templates into URL parts:
 * `@{...}` interpolations and whole-string `@expression`s (Logic Apps) and `[...]` (ARM) become
 * dynamic parts, unless they only name a parameter or variable that the same file defines with
 * a literal default, which is then resolved. `concat(...)` in either syntax becomes the parts of
 * its arguments. `@@` and `[[` escape a literal.
 */
export class WorkflowExpressions {
  private readonly values = new Map<string, Node>();

  constructor(root: Node, private readonly fileText: string) {
    for (const node of allNodes(root)) {
      const name = propertyName(node);
      if ((name === 'parameters' || name === 'variables') && node.type === 'object') {
        for (const entry of node.children ?? []) {
          const key = entry.children?.[0]?.value;
          const value = entry.children?.[1];
          // Template parameters carry `defaultValue`; parameter files and workflow parameters `value`;
          // ARM variables are the value itself.
          const literal = name === 'variables' ? value : (property(value, 'defaultValue') ?? property(value, 'value'));
          if (typeof key === 'string' && literal?.type === 'string' && !this.values.has(`${name}:${key}`)) {
            this.values.set(`${name}:${key}`, literal);
          }
        }
      }
    }
  }

  /** URL parts of a string node. */
  parts(node: Node, depth = 0): UrlPart[] {
    const { text, offsets } = stringNodeText(node, this.fileText);
    return this.textParts(text, offsets, depth);
  }

  /** The literal value of a string node, or null when it contains an expression. */
  literal(node: Node): string | null {
    const parts = this.parts(node);
    return literalText(parts) ?? null;
  }

  private textParts(text: string, offsets: OffsetMap, depth: number): UrlPart[] {
    if (text.startsWith('@@') || text.startsWith('[[')) {
      const offset = offsets(1);
      return [offset === undefined ? { kind: 'literal', text: text.slice(1) } : { kind: 'literal', text: text.slice(1), offset }];
    }
    if (text.startsWith('[') && text.trimEnd().endsWith(']')) {
      return this.armExpression(text.slice(1, text.trimEnd().length - 1), (index) => offsets(index + 1), depth);
    }
    if (text.startsWith('@') && !text.startsWith('@{')) {
      // Logic App expressions share ARM's concat() and quoting, so `@concat('https://...', x)` splits the same way.
      return this.armExpression(text.slice(1), (index) => offsets(index + 1), depth);
    }
    return splitPlaceholders(text, offsets, INTERPOLATION, (match) => {
      const expression = match[1]!;
      const start = match.index + 2;
      return CONCAT.test(expression) ? this.armExpression(expression, (index) => offsets(start + index), depth) : this.reference(expression, depth);
    });
  }

  /** Resolve `parameters('x')` / `variables('x')` to the literal the file defines, or null. */
  private reference(expression: string, depth: number): UrlPart[] | null {
    const match = REFERENCE.exec(expression);
    const node = match ? this.values.get(`${match[1]}:${match[2]}`) : undefined;
    if (!match || !node || depth >= MAX_DEPTH) {
      return null;
    }
    return this.parts(node, depth + 1).map((part) => (part.kind === 'literal' && part.resolvedFrom === undefined ? { ...part, resolvedFrom: `${match[1]}('${match[2]}')` } : part));
  }

  /** `concat(a, 'b', ...)` becomes the parts of its arguments; any other expression is one value. */
  private armExpression(expression: string, offsets: OffsetMap, depth: number): UrlPart[] {
    const concat = CONCAT.exec(expression);
    const close = expression.lastIndexOf(')');
    if (!concat || close < concat[0].length) {
      return this.armValue(expression, 0, expression.length, offsets, depth);
    }
    const parts: UrlPart[] = [];
    for (const [start, end] of splitArguments(expression, concat[0].length, close)) {
      parts.push(...this.armValue(expression, start, end, offsets, depth));
    }
    return parts;
  }

  private armValue(expression: string, start: number, end: number, offsets: OffsetMap, depth: number): UrlPart[] {
    const raw = expression.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
      const text = value.slice(1, -1).replace(/''/g, "'");
      const offset = offsets(start + lead + 1);
      return [offset === undefined ? { kind: 'literal', text } : { kind: 'literal', text, offset }];
    }
    return this.reference(value, depth) ?? [dynamic(value, offsets(start + lead))];
  }
}

function dynamic(name: string, offset: number | undefined): UrlPart {
  return offset === undefined ? { kind: 'dynamic', name } : { kind: 'dynamic', name, offset };
}

/** Top-level argument ranges between `from` and `to`, skipping quoted strings and brackets. */
function splitArguments(text: string, from: number, to: number): [number, number][] {
  const ranges: [number, number][] = [];
  let depth = 0;
  let start = from;
  let quoted = false;
  for (let i = from; i < to; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === "'" && text[i + 1] === "'") {
        i += 1;
      } else if (char === "'") {
        quoted = false;
      }
      continue;
    }
    if (char === "'") {
      quoted = true;
    } else if (char === '(' || char === '[') {
      depth += 1;
    } else if (char === ')' || char === ']') {
      depth -= 1;
    } else if (char === ',' && depth === 0) {
      ranges.push([start, i]);
      start = i + 1;
    }
  }
  ranges.push([start, to]);
  return ranges;
}
