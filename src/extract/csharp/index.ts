import type { Parser } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { createParser } from '../tree-sitter/grammars.js';
import { mentionsSignature } from '../common/signatures.js';
import { codeAndCommentSites } from '../tree-sitter/comment-call-sites.js';
import { CsFileExtraction } from './extract-file.js';
import { CsProject } from './project.js';

let parser: Promise<Parser> | undefined;
/** Projects by scan root; cleared by `reset()` at the end of a scan. */
const projects = new Map<string, CsProject>();

/**
 * Extracts call sites from C#: HttpClient requests (with the client's base address), Microsoft
 * Graph .NET SDK request chains, other strings that name an old path, and URLs in comments.
 */
export const csharpExtractor: Extractor = {
  id: 'csharp',
  languages: ['csharp'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    parser ??= createParser('csharp');
    const csharpParser = await parser;
    let project = projects.get(input.root);
    if (!project) {
      project = new CsProject(input.root, csharpParser);
      projects.set(input.root, project);
    }
    const tree = csharpParser.parse(input.text);
    if (!tree) {
      return [];
    }
    try {
      const ctx = { root: tree.rootNode, relativePath: input.relativePath, project };
      return codeAndCommentSites(() => new CsFileExtraction(ctx, input.signatures, input.language).run(), tree.rootNode, ['comment'], input.language, input.signatures);
    } finally {
      tree.delete();
    }
  },

  reset(): void {
    projects.clear();
  },
};
