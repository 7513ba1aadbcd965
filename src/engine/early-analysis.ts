import { analyseRun } from './analysis-phase.js';
import type { PrefilteredCandidate } from './prefilter-phase.js';
import type { IndexedCandidate } from './protocol.js';
import type { FileAnalysis } from './types.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Languages whose extractor reads the candidate list for every file that names a signature (the
 * TypeScript extractor's lookahead batch and its search for files that read a constant). Sending
 * them before the list is complete would only waste the work, so they wait for the list.
 */
const LANGUAGES_THAT_READ_CANDIDATES = new Set(['typescript', 'javascript']);

/**
 * Analyses candidates in the worker that preloads the extractors while the walk and the prefilter
 * still run, so the analysis overlaps them instead of following them. Every candidate of a chunk
 * goes in one run as soon as the chunk's reply arrives.
 *
 * A file whose extraction reads the candidate list (a TypeScript fence in Markdown, for example) is
 * left for the analysis after the prefilter, because its result may depend on candidates not found
 * yet. So the scan's result is the same as without this phase. `--file-timeout`, crashes and the
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

  /** Queues a candidate, unless its extractor always reads the candidate list. */
  add(candidate: PrefilteredCandidate): void {
    // A long line sends the file to the generic extractor, which never reads the list.
    if (!candidate.longLine && LANGUAGES_THAT_READ_CANDIDATES.has(candidate.file.language)) {
      return;
    }
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
