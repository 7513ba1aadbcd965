import { dirname, relative } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { parseWith } from '../tree-sitter/parse.js';
import { mentionsSignature } from '../common/signatures.js';
import { extractJavaFile } from './extract-file.js';
import { indexJavaFile, type ClassConstants, type JavaFileIndex } from './file-index.js';
import { JavaResolver } from './resolve.js';
import { fromOtherFile, ResolveState } from '../common/resolve-state.js';
import { ProjectFiles } from '../common/project-files.js';

const files = new ProjectFiles();
/** Constants of other classes, by file path, for the current scan. */
const classConstants = new Map<string, Promise<ClassConstants>>();

/** Parses a file and runs `visit` on its tree, freeing the tree afterwards. */
async function withJavaTree<T>(text: string, visit: (root: Node) => T): Promise<T> {
  const tree = await parseWith('java', text);
  try {
    return visit(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Reads the string constants of the class declared in `path`, resolved inside that file. */
function loadClassConstants(path: string, className: string, root: string): Promise<ClassConstants> {
  const key = `${path}\u0000${className}`;
  let loading = classConstants.get(key);
  if (!loading) {
    // Cached as a promise, so files read concurrently share one parse of the class file.
    loading = readClassConstants(path, className, root);
    classConstants.set(key, loading);
  }
  return loading;
}

async function readClassConstants(path: string, className: string, root: string): Promise<ClassConstants> {
  const constants = new Map<string, ReturnType<typeof fromOtherFile>>();
  const text = files.read(path);
  if (text === undefined) {
    return constants;
  }
  await withJavaTree(text, (tree) => {
    const index = indexJavaFile(tree);
    const resolver = new JavaResolver(index, new Map());
    for (const [field, value] of index.classFields.get(className) ?? []) {
      const parts = resolver.resolve(value, new ResolveState());
      constants.set(field, fromOtherFile(parts, `${className}.${field} (${relative(root, path).replace(/\\/g, '/')})`));
    }
  });
  return constants;
}

/** Finds `<Class>.java` under the scan root, preferring the folder of the file being read. */
function findClassFile(className: string, fromPath: string, root: string): string | undefined {
  const name = `/${className}.java`;
  const matches = files.list(root, '.java').filter((path) => path.replace(/\\/g, '/').endsWith(name));
  const here = dirname(fromPath);
  return matches.find((path) => dirname(path) === here) ?? matches[0];
}

async function externalConstants(index: JavaFileIndex, input: ExtractInput): Promise<Map<string, ClassConstants>> {
  const external = new Map<string, ClassConstants>();
  for (const className of index.externalClasses) {
    const path = findClassFile(className, input.path, input.root);
    if (path && path !== input.path) {
      try {
        external.set(className, await loadClassConstants(path, className, input.root));
      } catch {
        // An unreadable constant file leaves the constant dynamic.
      }
    }
  }
  return external;
}

/**
 * Extracts call sites from Java: java.net.http, OkHttp, Spring RestTemplate and WebClient
 * requests, Microsoft Graph SDK v6 request chains, other strings that name a signature, and URLs
 * in comments. String constants of other classes of the project are read on demand.
 */
export const javaExtractor: Extractor = {
  id: 'java',
  languages: ['java'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    const tree = await parseWith('java', input.text);
    try {
      const index = indexJavaFile(tree.rootNode);
      const external = await externalConstants(index, input);
      return extractJavaFile(tree.rootNode, index, external, input.signatures, input.language);
    } catch {
      // A file the extractor cannot read yields no call sites rather than failing the scan.
      return [];
    } finally {
      tree.delete();
    }
  },

  reset(): void {
    files.reset();
    classConstants.clear();
  },
};
