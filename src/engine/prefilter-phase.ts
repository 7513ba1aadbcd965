import type { DiscoveredFile } from '../discover/walk.js';
import type { SkippedFile } from '../model/finding.js';
import type { Prefilter } from '../prefilter/prefilter.js';
import { prefilterFile } from './prefilter-file.js';
import type { CandidateFile, PrefilterOutcome } from './types.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Bytes of files in one prefilter request to a worker, when the walk has the sizes: large
 * enough that messaging costs little against reading, small enough that every worker stays busy
 * to the end of the scan.
 */
const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Files in one prefilter request at most. The scan's walk reads no sizes, so this is the usual
 * limit: about 3 MB with files of 1 to 30 KiB.
 */
const CHUNK_FILES = 256;
/**
 * Prefilter requests waiting or running per worker, above which `mustWait` makes the walk
 * pause. Two keep a worker busy while its next reply crosses the thread boundary.
 */
const QUEUED_CHUNKS_PER_WORKER = 2;

/** A file that passed the prefilter, with its place in discovery order. */
export interface PrefilteredCandidate {
  /** Index of the file in discovery order, so the candidates can be put back in that order. */
  order: number;
  file: CandidateFile;
  /** Some line is longer than LONG_LINE_CHARACTERS bytes (a minified bundle). */
  longLine: boolean;
}

/** The prefilter's result for a scan: the candidates and skipped files, and a count of the rest. */
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
 * scan is prefiltered in this thread when `finish` is called, and a scan without a pool
 * (`startPool` undefined) reads each file in this thread as it is added.
 *
 * Only candidates and skipped files are kept: a file without a signature is counted and dropped.
 * The walk pauses while `mustWait` is true (`whenReady`), so at most QUEUED_CHUNKS_PER_WORKER
 * chunks per worker are in memory and the feeder's memory does not grow with the tree.
 */
export class PrefilterFeeder {
  /** Files buffered before the pool starts, or the chunk being filled once it has. */
  private pending: DiscoveredFile[] = [];
  private pendingBytes = 0;
  /** Discovery index of `pending[0]`. */
  private pendingStart = 0;
  private added = 0;
  /** Prefilter requests sent and not yet recorded. */
  private readonly runs = new Set<Promise<void>>();
  /** Callbacks of `whenReady`, called each time a request is recorded. */
  private waiters: (() => void)[] = [];
  private pool: WorkerPool | undefined;
  private readonly summary: PrefilterSummary = { candidates: [], skipped: [], withoutSignature: 0, files: 0 };

  constructor(
    private readonly prefilter: Prefilter,
    /** Starts the pool; undefined when workers are not allowed. */
    private readonly startPool: (() => WorkerPool) | undefined,
    private readonly minFilesForPool: number,
    /** `--max-file-size` in bytes, checked when a file is read. */
    private readonly maxFileSize: number,
    /** Called once per file as its outcome is known, with the candidate when the file is one. */
    private readonly onOutcome: (outcome: PrefilterOutcome, candidate?: PrefilteredCandidate) => void,
  ) {}

  /** Files added so far. */
  get fileCount(): number {
    return this.added;
  }

  /** True once the pool has been started for this scan. */
  get usesPool(): boolean {
    return this.pool !== undefined;
  }

  /** True while the pool has QUEUED_CHUNKS_PER_WORKER chunks per worker or more to read. */
  get mustWait(): boolean {
    return this.pool !== undefined && this.runs.size >= this.pool.size * QUEUED_CHUNKS_PER_WORKER;
  }

  /** Resolves once `mustWait` is false, so the walk can go on. */
  async whenReady(): Promise<void> {
    while (this.mustWait) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  add(file: DiscoveredFile): void {
    if (!this.startPool) {
      // No pool will start (--jobs 1, custom extractors): read the file now instead of keeping the list.
      this.record(this.added, file, prefilterFile(file.path, this.prefilter, this.maxFileSize));
      this.added += 1;
      this.pendingStart = this.added;
      return;
    }
    this.pending.push(file);
    this.pendingBytes += file.size ?? 0;
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
      this.pending.forEach((file, offset) => this.record(this.pendingStart + offset, file, prefilterFile(file.path, this.prefilter, this.maxFileSize)));
      this.pending = [];
    } else if (this.pending.length > 0) {
      this.sendChunk();
    }
    await Promise.all([...this.runs]);
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
    const run = this.pool!.run({ type: 'prefilter', paths })
      .then((reply) => {
        // A chunk whose worker failed is decided here instead, so no file is lost.
        const outcomes = 'type' in reply && reply.type === 'prefiltered' ? reply.outcomes : paths.map((path) => prefilterFile(path, this.prefilter, this.maxFileSize));
        outcomes.forEach((outcome, offset) => this.record(start + offset, files[offset]!, outcome));
      })
      .finally(() => {
        this.runs.delete(run);
        for (const wake of this.waiters.splice(0)) {
          wake();
        }
      });
    this.runs.add(run);
  }

  private record(order: number, file: DiscoveredFile, outcome: PrefilterOutcome): void {
    if (outcome.kind === 'candidate') {
      const candidate = { order, file: { path: file.path, relativePath: file.relativePath, language: file.language }, longLine: outcome.longLine };
      this.summary.candidates.push(candidate);
      this.onOutcome(outcome, candidate);
      return;
    }
    if (outcome.kind === 'skipped') {
      this.summary.skipped.push({ file: file.relativePath, reason: outcome.reason });
    } else {
      this.summary.withoutSignature += 1;
    }
    this.onOutcome(outcome);
  }
}
