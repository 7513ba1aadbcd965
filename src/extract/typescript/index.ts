import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { commentCallSites } from './comments.js';
import { FileExtraction } from './extract-file.js';
import { namedClientModules } from './http-clients.js';
import { programFileName, ProjectCache } from './project.js';
import { OtherFileReads } from './other-file-reads.js';
import { mentionsSignature } from '../common/signatures.js';
import { TYPESCRIPT_LANGUAGES } from './languages.js';
import { MAX_PARSER_NESTING } from '../common/nesting.js';

const projects = new ProjectCache();
const otherFileReads = new OtherFileReads(projects);

/**
 * Extracts URL call sites from TypeScript and JavaScript, including JSX, ES modules and CommonJS.
 * It reports HTTP requests made with fetch, axios, got, ky, XMLHttpRequest or the Microsoft Graph
 * client. It also reports other calls and loose strings that name a signature, and URLs in comments.
 */
export const typescriptExtractor: Extractor = {
  id: 'typescript',
  languages: TYPESCRIPT_LANGUAGES,
  maxNesting: MAX_PARSER_NESTING,

  extract(input: ExtractInput): CallSite[] {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    let parsed;
    try {
      parsed = projects.parse(programFileName(input.path, input.language), input.text);
    } catch (error) {
      // The compiler's recursive parser overflows the stack on deep nesting (TypeScript 5.9 on
      // Node 20: under 1,000 parentheses), and the analyser must list that file as skipped.
      if (error instanceof RangeError) {
        throw error;
      }
      // A file the compiler cannot load at all yields no call sites rather than failing the scan.
      return [];
    }
    const ctx = { checker: parsed.checker, sourceFile: parsed.sourceFile, root: input.root, clientModules: namedClientModules(parsed.programFiles), programFiles: parsed.programFiles };
    // Each part guards single constructs itself; these outer guards keep the other part's results.
    let code: CallSite[] = [];
    try {
      code = new FileExtraction(ctx, input.signatures, input.language, otherFileReads.checkFor(input)).run();
    } catch (error) {
      if (error instanceof RangeError) {
        throw error;
      }
      code = [];
    }
    let comments: CallSite[] = [];
    try {
      comments = commentCallSites(parsed.sourceFile, input.signatures, input.language);
    } catch {
      comments = [];
    }
    return [...code, ...comments].sort((a, b) => a.anchor.offset - b.anchor.offset);
  },

  reset(): void {
    otherFileReads.reset();
    projects.reset();
  },
};
