import { mentionsSignature } from './signatures.js';

/**
 * The string literals of one file that went into a reported call site, so a later, weaker pass
 * (loose strings) does not report the same literal again. `Literal` identifies a literal: its start
 * offset for tree-sitter grammars, the node itself for the TypeScript compiler API.
 */
export class ReportedLiterals<Literal> {
  private readonly reported = new Set<Literal>();

  constructor(
    private readonly signatures: readonly string[],
    /** The literal's text for the signature test; an unknown literal reads as ''. */
    private readonly textOf: (literal: Literal) => string,
  ) {}

  has(literal: Literal): boolean {
    return this.reported.has(literal);
  }

  /** Marks every literal that one resolution read as reported. */
  mark(reads: Iterable<Literal>): void {
    for (const literal of reads) {
      this.reported.add(literal);
    }
  }

  /** True when a literal that no reported call site used names a signature. */
  hasNewEvidence(reads: Iterable<Literal>): boolean {
    for (const literal of reads) {
      if (!this.reported.has(literal) && mentionsSignature(this.textOf(literal), this.signatures)) {
        return true;
      }
    }
    return false;
  }
}
