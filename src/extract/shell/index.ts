import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { withTree } from '../tree-sitter/parse.js';
import { mentionsSignature } from '../common/signatures.js';
import { ShellExtraction } from './extract-file.js';

/**
 * Extracts call sites from shell scripts (bash, sh, zsh and ksh, parsed with the bash grammar) and
 * from script fragments embedded in other files. It reads curl, wget, HTTPie and `az rest`
 * commands with their bodies, other strings that name a signature, and URLs in comments.
 */
export const shellExtractor: Extractor = {
  id: 'shell',
  languages: ['shell'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    try {
      const sites = await withTree('bash', input.text, (root) => new ShellExtraction(root, input.signatures).run());
      return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
    } catch {
      return [];
    }
  },
};
