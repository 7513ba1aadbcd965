import type { Node } from 'web-tree-sitter';

/** A piece of an HCL string: literal text, a `var.x`/`local.x` reference, or another expression. */
export type Piece =
  | { kind: 'literal'; text: string; offset: number }
  | { kind: 'ref'; name: string; offset: number }
  | { kind: 'dynamic'; name: string; offset: number };

/** The named children of a node (tree-sitter nodes only; the grammar has no fields for these). */
export function namedChildren(node: Node): Node[] {
  const children: Node[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child) {
      children.push(child);
    }
  }
  return children;
}

/** `var.name` or `local.name` written as a whole expression, else undefined. */
export function referenceName(expression: Node): string | undefined {
  const children = namedChildren(expression);
  const [root, attribute] = children;
  if (children.length !== 2 || root?.type !== 'variable_expr' || attribute?.type !== 'get_attr') {
    return undefined;
  }
  const scope = root.text;
  const name = namedChildren(attribute)[0]?.text;
  return (scope === 'var' || scope === 'local') && name ? `${scope}.${name}` : undefined;
}

/** The string or template node an expression holds (`"..."`, `"${...}"`, a heredoc), if any. */
export function templateNode(expression: Node): Node | undefined {
  const [child] = namedChildren(expression);
  if (child?.type === 'literal_value') {
    const [literal] = namedChildren(child);
    return literal?.type === 'string_lit' ? literal : undefined;
  }
  if (child?.type === 'template_expr') {
    const [template] = namedChildren(child);
    return template?.type === 'quoted_template' || template?.type === 'heredoc_template' ? template : undefined;
  }
  return undefined;
}

/**
 * The pieces of a string-valued expression: a string literal, a template with interpolations, a
 * heredoc, or a bare `var.x`/`local.x`. Undefined for any other expression.
 * NOTE: escapes (`\"`, `$${`) stay as written, so a literal piece may differ from the runtime text.
 */
export function stringPieces(expression: Node): Piece[] | undefined {
  const reference = referenceName(expression);
  if (reference) {
    return [{ kind: 'ref', name: reference, offset: expression.startIndex }];
  }
  const template = templateNode(expression);
  if (!template) {
    return undefined;
  }
  const pieces: Piece[] = [];
  for (const child of namedChildren(template)) {
    if (child.type === 'template_literal') {
      pieces.push({ kind: 'literal', text: child.text, offset: child.startIndex });
    } else if (child.type === 'template_interpolation') {
      const inner = namedChildren(child).find((node) => node.type === 'expression');
      const name = inner ? referenceName(inner) : undefined;
      const offset = child.startIndex;
      pieces.push(name ? { kind: 'ref', name, offset } : { kind: 'dynamic', name: inner?.text ?? child.text, offset });
    } else if (child.type === 'template_directive') {
      pieces.push({ kind: 'dynamic', name: child.text, offset: child.startIndex });
    }
  }
  return pieces;
}

/** True for a heredoc (`<<EOT`, `<<-EOT`) template. */
export function isHeredoc(expression: Node): boolean {
  return templateNode(expression)?.type === 'heredoc_template';
}
