import type { Node, Parser, Tree } from 'web-tree-sitter';
import { createParser, restartRuntime, type GrammarName } from './grammars.js';

const parsers = new Map<GrammarName, Promise<Parser>>();

/**
 * Parse text with a grammar, reusing one parser per grammar. The caller must call
 * `tree.delete()` when done, because trees live in wasm memory that the garbage collector
 * does not see.
 */
export async function parseWith(name: GrammarName, text: string): Promise<Tree> {
  let parser = parsers.get(name);
  if (!parser) {
    parser = createParser(name);
    parsers.set(name, parser);
  }
  let tree: Tree | null;
  try {
    tree = (await parser).parse(text);
  } catch (error) {
    // A wasm trap leaves the shared instance unusable for every grammar, so all cached parsers
    // go with it; this file fails, the next one parses in a fresh instance.
    if (error instanceof Error && (error.name === 'RuntimeError' || /\bAborted\b/.test(error.message))) {
      parsers.clear();
      restartRuntime();
    }
    throw error;
  }
  if (!tree) {
    throw new Error(`the ${name} parser returned no tree`);
  }
  return tree;
}

/** Parse, run `visit` on the tree and free the tree, even when `visit` throws. */
export async function withTree<T>(name: GrammarName, text: string, visit: (root: Node) => T): Promise<T> {
  const tree = await parseWith(name, text);
  try {
    return visit(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Depth-first walk without recursion, so deeply nested files cannot overflow the stack. */
export function walk(root: Node, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) {
      continue;
    }
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) {
        stack.push(child);
      }
    }
  }
}
