import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import type { ScopeTable } from './scopes.js';
import { shortText } from '../tree-sitter/node-text.js';

/** Maximum number of names, calls and attributes followed from one expression. */
export const MAX_DEPTH = 20;

/** String constants of an imported module, already resolved, without offsets (they are in another file). */
export interface ModuleValues {
  relativePath: string;
  /** Module-level constants and class attributes (`Config.BASE`) by name. */
  constants: Map<string, UrlPart[]>;
}

/** The module or module constant that a name bound by an import refers to. */
export type ImportTarget = { kind: 'value'; values: ModuleValues; name: string } | { kind: 'module'; values: ModuleValues };

/**
 * The value a call gives one parameter of a helper function: the caller's argument, read in the
 * caller's context, or the parameter's default, read in the module without bindings. `value` is
 * undefined when neither is known (no default, or a `*args`/`**kwargs` splat may supply it).
 */
export interface ArgumentBinding {
  value?: Node;
  ctx: PyContext;
  /** True when `value` is an argument the call passes, false for a default. */
  fromCaller: boolean;
}

/** One parsed Python file and what its names refer to. */
export interface PyContext {
  root: Node;
  /** Path relative to the scan root, for `resolvedFrom` labels. */
  relativePath: string;
  /** True for the scanned file, whose literals carry offsets; false for an imported module. */
  sameFile: boolean;
  scopes: ScopeTable;
  /** Import bindings by local name (`c`, `PIM_API`, `pkg.config`). */
  imports: Map<string, ImportTarget>;
  /**
   * Parameters bound to a call's arguments while a helper function's request is read, keyed by
   * the parameter's start offset. Absent for top-level reading, where parameters stay dynamic.
   */
  bindings?: ReadonlyMap<number, ArgumentBinding>;
}

/** Skips parentheses and `await` around an expression. */
export function unwrap(node: Node): Node {
  let current = node;
  for (let guard = 0; guard < 50; guard++) {
    if (current.type === 'parenthesized_expression' || current.type === 'await') {
      const inner = current.namedChildren.find((child) => child !== null && child.type !== 'comment');
      if (!inner) {
        return current;
      }
      current = inner;
    } else {
      return current;
    }
  }
  return current;
}

export { shortText };
