import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { parseWith } from '../tree-sitter/parse.js';
import { mentionsSignature } from '../common/signatures.js';
import type { PyContext } from './context.js';
import { FileExtraction } from './extract-file.js';
import { collectImports } from './imports.js';
import { importStatements, PythonProject } from './project.js';
import { ScopeTable } from './scopes.js';

const project = new PythonProject();

/**
 * Extracts call sites from Python: requests, httpx and aiohttp calls, `az rest` run through
 * subprocess or os.system, msgraph-beta-sdk request chains, other strings that name a signature,
 * and URLs in comments and docstrings. Constants are resolved within the file and across the
 * project's modules.
 */
export const pythonExtractor: Extractor = {
  id: 'python',
  languages: ['python'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    let tree;
    try {
      tree = await parseWith('python', input.text);
    } catch {
      return [];
    }
    try {
      const root = tree.rootNode;
      let imports: PyContext['imports'] = new Map();
      try {
        imports = await project.importsOf(collectImports(importStatements(root)), input.path, input.root);
      } catch {
        // Unreadable imported modules leave their constants dynamic.
      }
      const ctx: PyContext = { root, relativePath: input.relativePath, sameFile: true, scopes: new ScopeTable(root), imports };
      const sites = new FileExtraction(ctx, input.signatures).run();
      return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
    } catch {
      return [];
    } finally {
      tree.delete();
    }
  },

  reset(): void {
    project.reset();
  },
};
