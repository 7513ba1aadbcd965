import { readByTypescript } from '../extract/typescript/languages.js';
import { analyseRun } from './analysis-phase.js';
import type { PrefilteredCandidate } from './prefilter-phase.js';
import type { IndexedCandidate } from './protocol.js';
import type { FileAnalysis } from './types.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Worker index for a candidate's analysis while the prefilter runs: TypeScript and JavaScript
 * files to the first worker, which preloads the compiler, and the others (tree-sitter grammars,
 * text extractors) to the second. Each worker loads only the extractors of its group, and the
 * two groups are analysed side by side. A bundle with long lines goes to the generic extractor.
 */
function workerFor(candidate: PrefilteredCandidate): number {
  return readByTypescript(candidate.file.language, candidate.longLine) ? 0 : 1;
}

/**
 * Analyses candidates while the walk and the prefilter still run, so the analysis overlaps them
 * instead of following them. The candidates of a chunk go in one run per worker as soon as the
 * chunk's reply arrives. Those workers take the runs before their next prefilter chunk.
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
  /** Candidates not sent yet, by worker index. */
  private pending = new Map<number, IndexedCandidate[]>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly timeoutMs: number,
    private readonly onFile: (analysis: FileAnalysis) => void,
  ) {}

  /** Queues a candidate for the next run. */
  add(candidate: PrefilteredCandidate): void {
    if (this.pending.size === 0) {
      // The candidates of one prefilter reply are recorded in one loop: send them after it.
      queueMicrotask(() => this.send());
    }
    const worker = workerFor(candidate);
    const files = this.pending.get(worker) ?? [];
    files.push({ index: candidate.order, file: candidate.file });
    this.pending.set(worker, files);
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
    const record = (index: number, analysis: FileAnalysis): void => {
      this.analyses.set(index, analysis);
      this.onFile(analysis);
    };
    for (const [worker, files] of this.pending) {
      this.runs.push(analyseRun(this.pool, files, { timeoutMs: this.timeoutMs, beforeCandidates: true, worker }, record));
    }
    this.pending = new Map();
  }
}
