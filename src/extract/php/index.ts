import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { withTree } from '../tree-sitter/parse.js';
import { mentionsSignature } from '../common/signatures.js';
import { extractPhpFile } from './extract-file.js';
import { indexPhpFile } from './resolve.js';

/**
 * Extracts call sites from PHP: Guzzle, Laravel `Http::` and cURL requests, Microsoft Graph SDK
 * request chains, other strings that name a signature, and URLs in comments.
 * NOTE: constants are resolved within the file only; a class constant of another file stays dynamic.
 */
export const phpExtractor: Extractor = {
  id: 'php',
  languages: ['php'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    try {
      return await withTree('php', input.text, (root) => extractPhpFile(root, indexPhpFile(root), input.signatures, input.language));
    } catch {
      // A file the extractor cannot read yields no call sites rather than failing the scan.
      return [];
    }
  },
};
