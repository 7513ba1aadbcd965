import type { Node } from 'web-tree-sitter';

/** Maximum children read from one token tree, so a huge macro stays cheap. */
const MAX_TOKENS = 10000;

/** The tokens between a token tree's delimiters, split at top-level commas. */
export function splitArguments(tree: Node): Node[][] {
  const groups: Node[][] = [[]];
  const count = Math.min(tree.childCount, MAX_TOKENS);
  for (let i = 1; i < count - 1; i++) {
    const child = tree.child(i);
    if (!child) {
      continue;
    }
    if (child.type === ',') {
      groups.push([]);
    } else {
      groups.at(-1)!.push(child);
    }
  }
  return groups.filter((group) => group.length > 0);
}

/** The macro's name without its path (`format` for `std::format!`). */
export function macroName(node: Node): string {
  return node.childForFieldName('macro')?.text.split('::').pop() ?? '';
}

/** The token tree of a macro invocation (its arguments). */
export function macroTokens(node: Node): Node | undefined {
  return node.namedChildren.find((child) => child?.type === 'token_tree') ?? undefined;
}

/** A path written as tokens (`crate :: config :: HOST`), or undefined for anything else. */
export function tokenPath(tokens: readonly Node[]): string[] | undefined {
  const segments: string[] = [];
  let expectName = true;
  for (const token of tokens) {
    if (expectName && (token.type === 'identifier' || token.type === 'crate' || token.type === 'self' || token.type === 'super')) {
      segments.push(token.text);
      expectName = false;
    } else if (!expectName && token.type === '::') {
      expectName = true;
    } else {
      return undefined;
    }
  }
  return !expectName && segments.length > 0 ? segments : undefined;
}
