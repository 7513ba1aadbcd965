import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import { codeAndCommentSites } from '../tree-sitter/comment-call-sites.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { createParser } from '../tree-sitter/grammars.js';
import { mentionsSignature } from '../common/signatures.js';
import { GoFileExtraction } from './extract-file.js';
import { GoPackage } from './package.js';
import { packageName } from './syntax.js';

let parser: Promise<Parser> | undefined;
/** Packages by folder and package name; cleared by `reset()` at the end of a scan. */
const packages = new Map<string, GoPackage>();

/**
 * Extracts call sites from Go: net/http and resty requests, msgraph-sdk-go request chains,
 * other strings that name an old path, and URLs in comments. Constants and struct types of the
 * other files of the same package are read on demand.
 */
export const goExtractor: Extractor = {
  id: 'go',
  languages: ['go'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    parser ??= createParser('go');
    const goParser = await parser;
    const tree = goParser.parse(input.text);
    if (!tree) {
      return [];
    }
    try {
      const folder = path.dirname(input.path);
      const name = packageName(tree.rootNode) ?? '';
      const packageKey = `${folder}\u0000${name}`;
      let pkg = packages.get(packageKey);
      if (!pkg) {
        pkg = new GoPackage(folder, name, input.root, goParser);
        packages.set(packageKey, pkg);
      }
      const ctx = { root: tree.rootNode, path: input.path, relativePath: input.relativePath, pkg };
      return codeAndCommentSites(() => new GoFileExtraction(ctx, input.signatures, input.language).run(), tree.rootNode, ['comment'], input.language, input.signatures);
    } finally {
      tree.delete();
    }
  },

  reset(): void {
    packages.clear();
  },
};
