import type { DiscoveredFile } from '../discover/walk.js';
import type { Prefilter } from '../prefilter/prefilter.js';
import { prefilterFile } from './prefilter-file.js';
import type { PrefilterOutcome } from './types.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Bytes of files in one prefilter request to a worker: large enough that messaging costs little
 * against reading, small enough that both workers stay busy to the end of the scan.
 */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Files in one prefilter request at most, for trees of many tiny files. */
const CHUNK_FILES = 512;

/**
 * Prefilters discovered files as the walk finds them. Files are buffered until `minFilesForPool`
 * have been found; from then on chunks go to the worker pool while the walk goes on. A smaller
 * scan is prefiltered in this thread when `finish` is called.
 */
export class PrefilterFeeder {
  private readonly files: DiscoveredFile[] = [];
  private readonly outcomes: PrefilterOutcome[] = [];
  private readonly runs: Promise<void>[] = [];
  private pool: WorkerPool | undefined;
  /** Index of the first file not yet sent to the pool. */
  private chunkStart = 0;
  private chunkBytes = 0;

  constructor(
    private readonly prefilter: Prefilter,
    /** Starts the pool; undefined when workers are not allowed. */
    private readonly startPool: (() => WorkerPool) | undefined,
    private readonly minFilesForPool: number,
    private readonly onOutcome: (outcome: PrefilterOutcome) => void,
  ) {}

  /** True once the pool has been started for this scan. */
  get usesPool(): boolean {
    return this.pool !== undefined;
  }

  add(file: DiscoveredFile): void {
    this.files.push(file);
    this.chunkBytes += file.size;
    if (!this.pool && this.startPool && this.files.length >= this.minFilesForPool) {
      this.pool = this.startPool();
    }
    if (this.pool && (this.chunkBytes >= CHUNK_BYTES || this.files.length - this.chunkStart >= CHUNK_FILES)) {
      this.sendChunk();
    }
  }

  /** Returns the outcomes in the order the files were added, once every file is decided. */
  async finish(): Promise<PrefilterOutcome[]> {
    if (!this.pool) {
      this.files.forEach((file, index) => {
        this.outcomes[index] = prefilterFile(file.path, this.prefilter);
        this.onOutcome(this.outcomes[index]);
      });
      return this.outcomes;
    }
    if (this.chunkStart < this.files.length) {
      this.sendChunk();
    }
    await Promise.all(this.runs);
    return this.outcomes;
  }

  private sendChunk(): void {
    const start = this.chunkStart;
    const paths = this.files.slice(start).map((file) => file.path);
    this.chunkStart = this.files.length;
    this.chunkBytes = 0;
    this.runs.push(
      this.pool!.run({ type: 'prefilter', paths }).then((reply) => {
        // A chunk whose worker failed is decided here instead, so no file is lost.
        const chunk = 'type' in reply && reply.type === 'prefiltered' ? reply.outcomes : paths.map((path) => prefilterFile(path, this.prefilter));
        chunk.forEach((outcome, offset) => {
          this.outcomes[start + offset] = outcome;
          this.onOutcome(outcome);
        });
      }),
    );
  }
}
