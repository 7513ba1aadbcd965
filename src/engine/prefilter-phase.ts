import type { DiscoveredFile } from '../discover/walk.js';
import type { SkippedFile } from '../model/finding.js';
import type { Prefilter } from '../prefilter/prefilter.js';
import { prefilterFile } from './prefilter-file.js';
import type { CandidateFile, PrefilterOutcome } from './types.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Bytes of files in one prefilter request to a worker: large enough that messaging costs little
 * against reading, small enough that both workers stay busy to the end of the scan.
 */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Files in one prefilter request at most, for trees of many tiny files. */
const CHUNK_FILES = 512;

/** A file that passed the prefilter, with its place in discovery order. */
export interface PrefilteredCandidate {
  /** Index of the file in discovery order, so the candidates can be put back in that order. */
  order: number;
  file: CandidateFile;
  /** Some line is longer than LONG_LINE_CHARACTERS bytes (a minified bundle). */
  longLine: boolean;
}

/** What the prefilter keeps of a scan: the candidates and skipped files, and a count of the rest. */
export interface PrefilterSummary {
  /** In discovery order. */
  candidates: PrefilteredCandidate[];
  skipped: SkippedFile[];
  withoutSignature: number;
  /** Files added, whatever their outcome. */
  files: number;
}

/**
 * Prefilters discovered files as the walk finds them. Files are buffered until `minFilesForPool`
 * have been found; from then on chunks go to the worker pool while the walk goes on. A smaller
 * scan is prefiltered in this thread when `finish` is called.
 *
 * Only candidates and skipped files are kept: a file without a signature is counted and dropped,
 * so the feeder's memory does not grow with the tree.
 * NOTE: the walk is synchronous, so chunks queue in the pool until it ends, and their files (about
 * 250 bytes each) stay in memory until a worker has read them. The walk would have to yield for
 * the queue to stay short.
 */
export class PrefilterFeeder {
  /** Files buffered before the pool starts, or the chunk being filled once it has. */
  private pending: DiscoveredFile[] = [];
  private pendingBytes = 0;
  /** Discovery index of `pending[0]`. */
  private pendingStart = 0;
  private added = 0;
  private readonly runs: Promise<void>[] = [];
  private pool: WorkerPool | undefined;
  private readonly summary: PrefilterSummary = { candidates: [], skipped: [], withoutSignature: 0, files: 0 };

  constructor(
    private readonly prefilter: Prefilter,
    /** Starts the pool; undefined when workers are not allowed. */
    private readonly startPool: (() => WorkerPool) | undefined,
    private readonly minFilesForPool: number,
    private readonly onOutcome: (outcome: PrefilterOutcome) => void,
  ) {}

  /** Files added so far. */
  get fileCount(): number {
    return this.added;
  }

  /** True once the pool has been started for this scan. */
  get usesPool(): boolean {
    return this.pool !== undefined;
  }

  add(file: DiscoveredFile): void {
    this.pending.push(file);
    this.pendingBytes += file.size;
    this.added += 1;
    if (!this.pool && this.startPool && this.added >= this.minFilesForPool) {
      this.pool = this.startPool();
    }
    if (this.pool && (this.pendingBytes >= CHUNK_BYTES || this.pending.length >= CHUNK_FILES)) {
      this.sendChunk();
    }
  }

  /** Returns the candidates and skipped files once every file is decided. */
  async finish(): Promise<PrefilterSummary> {
    this.summary.files = this.added;
    if (!this.pool) {
      this.pending.forEach((file, offset) => this.record(this.pendingStart + offset, file, prefilterFile(file.path, this.prefilter)));
      this.pending = [];
    } else if (this.pending.length > 0) {
      this.sendChunk();
    }
    await Promise.all(this.runs);
    // Chunks may come back in any order.
    this.summary.candidates.sort((a, b) => a.order - b.order);
    return this.summary;
  }

  private sendChunk(): void {
    const start = this.pendingStart;
    const files = this.pending;
    const paths = files.map((file) => file.path);
    this.pendingStart += this.pending.length;
    this.pending = [];
    this.pendingBytes = 0;
    this.runs.push(
      this.pool!.run({ type: 'prefilter', paths }).then((reply) => {
        // A chunk whose worker failed is decided here instead, so no file is lost.
        const outcomes = 'type' in reply && reply.type === 'prefiltered' ? reply.outcomes : paths.map((path) => prefilterFile(path, this.prefilter));
        outcomes.forEach((outcome, offset) => this.record(start + offset, files[offset]!, outcome));
      }),
    );
  }

  private record(order: number, file: DiscoveredFile, outcome: PrefilterOutcome): void {
    if (outcome.kind === 'candidate') {
      this.summary.candidates.push({ order, file: { path: file.path, relativePath: file.relativePath, language: file.language }, longLine: outcome.longLine });
    } else if (outcome.kind === 'skipped') {
      this.summary.skipped.push({ file: file.relativePath, reason: outcome.reason });
    } else {
      this.summary.withoutSignature += 1;
    }
    this.onOutcome(outcome);
  }
}
