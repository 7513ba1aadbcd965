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

/**
 * Depth-first walk in document order (a parent before its children) without recursion, so deeply
 * nested files cannot overflow the stack. Returning `false` from `enter` skips the node's
 * descendants. A tree cursor moves through the tree inside WebAssembly; only the node handed to
 * `enter` crosses into JavaScript. To visit only some node types, `collectNodes` is faster.
 * The first node handed to `enter` is the `root` object itself, so callers may compare with `===`.
 */
export function walk(root: Node, enter: (node: Node) => boolean | void): void {
  const cursor = root.walk();
  try {
    let node = root;
    for (;;) {
      if (enter(node) !== false && cursor.gotoFirstChild()) {
        node = cursor.currentNode;
        continue;
      }
      // A cursor made from `root` stops at it: `gotoParent` fails there and ends the walk.
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          return;
        }
      }
      node = cursor.currentNode;
    }
  } finally {
    cursor.delete();
  }
}
