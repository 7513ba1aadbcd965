import type { CallSite } from '../model/call-site.js';

/** What an extractor receives for one candidate file. */
export interface ExtractInput {
  /** Absolute path of the file. */
  path: string;
  /** Path relative to the scan root, forward slashes. */
  relativePath: string;
  /** Decoded file text. */
  text: string;
  /** Language id from discovery. */
  language: string;
  /** Every candidate file of the scan (absolute paths), for extractors that resolve across files. */
  candidates: readonly string[];
  /** Scan root (absolute). */
  root: string;
  /**
   * Lower-case words that make a string worth reading (path segments from the rule table),
   * so an extractor can skip strings that cannot name an old operation.
   */
  signatures: readonly string[];
  /**
   * Run the extractor of another language on a region of this file (a fenced code block, a
   * script embedded in a YAML pipeline) and return its call sites with file offsets.
   * `offset` is where `text` starts in this file; `text` must be a verbatim slice of the file
   * for positions to be right.
   */
  extractEmbedded(language: string, text: string, offset: number): Promise<CallSite[]>;
}

/**
 * Turns one file into call sites. Extractors know nothing of rules, findings or reports;
 * they only read code. One extractor serves one or more language ids.
 */
export interface Extractor {
  id: string;
  languages: readonly string[];
  /** May be async: tree-sitter grammars load on first use, so only languages present cost anything. */
  extract(input: ExtractInput): CallSite[] | Promise<CallSite[]>;
  /** Release caches held across files of one scan (parsed projects, grammars). */
  reset?(): void;
  /**
   * Bracket nesting that the extractor's parser reads without overflowing the stack; a file that
   * nests deeper goes to the generic extractor, with a warning. Undefined: any depth.
   */
  maxNesting?: number;
  /**
   * Loads what the extractor needs before its first file (a module that brings a compiler), so
   * that the per-file time limit does not count it. Calls after the first return at once.
   */
  prepare?(): Promise<void>;
}
