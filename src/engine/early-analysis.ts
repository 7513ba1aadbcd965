import { analyseRun } from './analysis-phase.js';
import type { PrefilteredCandidate } from './prefilter-phase.js';
import type { IndexedCandidate } from './protocol.js';
import type { FileAnalysis } from './types.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Analyses candidates in the worker that preloads the extractors while the walk and the prefilter
 * still run, so the analysis overlaps them instead of following them. Every candidate of a chunk
 * goes in one run as soon as the chunk's reply arrives.
 *
 * A file whose extraction reads the candidate list (a TypeScript file that exports a constant,
 * which another candidate may read) is left for the analysis after the prefilter, because its
 * result may depend on candidates not found yet. So the scan's result is the same as without this
 * phase. `--file-timeout`, crashes and the
 * worker's memory limit apply as in the later analysis.
 */
export class EarlyAnalysis {
  /** Analyses by the candidate's discovery index. */
  private readonly analyses = new Map<number, FileAnalysis>();
  private readonly runs: Promise<void>[] = [];
  private pending: IndexedCandidate[] = [];

  constructor(
    private readonly pool: WorkerPool,
    private readonly timeoutMs: number,
    private readonly onFile: (analysis: FileAnalysis) => void,
  ) {}

  /** Queues a candidate for the next run. */
  add(candidate: PrefilteredCandidate): void {
    if (this.pending.length === 0) {
      // The candidates of one prefilter reply are recorded in one loop: send them as one run after it.
      queueMicrotask(() => this.send());
    }
    this.pending.push({ index: candidate.order, file: candidate.file });
  }

  /**
   * Waits for every run and returns the analyses by discovery index. A candidate without an entry
   * was not sent, or its extraction needs the complete candidate list.
   */
  async finish(): Promise<ReadonlyMap<number, FileAnalysis>> {
    this.send();
    await Promise.all(this.runs);
    return this.analyses;
  }

  private send(): void {
    if (this.pending.length === 0) {
      return;
    }
    const files = this.pending;
    this.pending = [];
    const record = (index: number, analysis: FileAnalysis): void => {
      this.analyses.set(index, analysis);
      this.onFile(analysis);
    };
    this.runs.push(analyseRun(this.pool, files, { timeoutMs: this.timeoutMs, beforeCandidates: true }, record));
  }
}
