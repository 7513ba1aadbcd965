/**
 * Bookkeeping for one top-level resolution: the string literals of the scanned file it read, the
 * declarations being followed (meeting one again means a cycle) and a step budget that stops
 * runaway fan-out. Tree-sitter extractors identify both by start offset; the TypeScript
 * extractor uses compiler nodes.
 */
export class ResolveBudget<Literal = number, Declaration = number> {
  /** The string literals of the scanned file that the value used. */
  readonly reads = new Set<Literal>();
  /** Declarations being resolved right now. */
  readonly active = new Set<Declaration>();
  private steps = 0;

  /** `maxSteps` is the number of follow steps allowed for one top-level expression. */
  constructor(private readonly maxSteps: number) {}

  /** Counts one follow step; false once the budget is spent. */
  spendStep(): boolean {
    this.steps += 1;
    return this.steps <= this.maxSteps;
  }
}
