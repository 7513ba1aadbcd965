import { relative } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { CallSite, UrlPart } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { parseWith, walk } from '../tree-sitter/parse.js';
import { mentionsSignature } from '../common/signatures.js';
import { ProjectFiles } from '../common/project-files.js';
import { fromOtherFile, ResolveState } from '../common/resolve-state.js';
import { extractRustFile } from './extract-file.js';
import { crateSourceDir, moduleFile, readUseImports } from './modules.js';
import { indexRustFile, RustResolver } from './resolve.js';

const files = new ProjectFiles();
/** Constants of other modules, by file path, for the current scan. */
const moduleConstants = new Map<string, Promise<Map<string, UrlPart[]>>>();

/** Reads the `const`/`static` strings of a module file, resolved inside that file. */
function loadModuleConstants(path: string, root: string): Promise<Map<string, UrlPart[]>> {
  let loading = moduleConstants.get(path);
  if (!loading) {
    // Cached as a promise, so files read concurrently share one parse of the module.
    loading = readModuleConstants(path, root);
    moduleConstants.set(path, loading);
  }
  return loading;
}

async function readModuleConstants(path: string, root: string): Promise<Map<string, UrlPart[]>> {
  const constants = new Map<string, UrlPart[]>();
  const text = files.read(path);
  if (text === undefined) {
    return constants;
  }
  const tree = await parseWith('rust', text);
  try {
    const index = indexRustFile(tree.rootNode, readUseImports(tree.rootNode));
    const resolver = new RustResolver(index, () => undefined);
    const source = relative(root, path).replace(/\\/g, '/');
    for (const [name, value] of index.constants) {
      constants.set(name, fromOtherFile(resolver.resolve(value, new ResolveState()), `${name} (${source})`));
    }
  } finally {
    tree.delete();
  }
  return constants;
}

/** Module paths the file names: `use` imports and `a::b::NAME` paths, without the item name. */
function referencedModules(root: Node, imports: Map<string, string[]>): string[][] {
  const modules = new Map<string, string[]>();
  const add = (path: string[]): void => {
    if (path.length >= 1) {
      modules.set(path.join('::'), path);
    }
  };
  for (const path of imports.values()) {
    add(path.slice(0, -1));
  }
  walk(root, (node) => {
    if (node.type === 'scoped_identifier' || node.type === 'token_tree' || node.type === 'macro_invocation') {
      const matches = node.text.matchAll(/\b((?:[A-Za-z_]\w*\s*::\s*)+)[A-Z_][A-Z0-9_]*\b/g);
      for (const match of matches) {
        const path = match[1]!.split('::').map((segment) => segment.trim()).filter(Boolean);
        const head = imports.get(path[0]!);
        add(head ? [...head, ...path.slice(1)] : path);
      }
      return node.type === 'scoped_identifier' ? false : undefined;
    }
    return undefined;
  });
  return [...modules.values()].filter((path) => path[0] !== 'std' && path[0] !== 'Self');
}

/**
 * Extracts call sites from Rust: reqwest-style requests with `json!` or serde struct bodies, other
 * strings that name a signature (including `format!` and `concat!`), and URLs in comments.
 * Constants of other modules of the crate are read on demand.
 */
export const rustExtractor: Extractor = {
  id: 'rust',
  languages: ['rust'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    const tree = await parseWith('rust', input.text);
    try {
      const imports = readUseImports(tree.rootNode);
      const index = indexRustFile(tree.rootNode, imports);
      const srcDir = crateSourceDir(input.path, input.root);
      const tables = new Map<string, Map<string, UrlPart[]>>();
      for (const modulePath of referencedModules(tree.rootNode, imports)) {
        const path = moduleFile(modulePath, input.path, srcDir);
        if (path && path !== input.path) {
          tables.set(modulePath.join('::'), await loadModuleConstants(path, input.root));
        }
      }
      const external = (modulePath: readonly string[], name: string): UrlPart[] | undefined => tables.get(modulePath.join('::'))?.get(name);
      return extractRustFile(tree.rootNode, index, external, input.signatures, input.language);
    } catch {
      // A file the extractor cannot read yields no call sites rather than failing the scan.
      return [];
    } finally {
      tree.delete();
    }
  },

  reset(): void {
    files.reset();
    moduleConstants.clear();
  },
};
