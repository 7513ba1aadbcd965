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
 * Prefilters every discovered file, in the worker pool when there is one, else in this thread.
 * Returns the outcomes in the order of `files`; `onFile` is called as each file is decided.
 */
export async function prefilterAll(
  files: readonly DiscoveredFile[],
  prefilter: Prefilter,
  pool: WorkerPool | undefined,
  onFile: (outcome: PrefilterOutcome) => void,
): Promise<PrefilterOutcome[]> {
  const outcomes: PrefilterOutcome[] = new Array(files.length);
  if (!pool) {
    files.forEach((file, index) => {
      outcomes[index] = prefilterFile(file.path, prefilter);
      onFile(outcomes[index]);
    });
    return outcomes;
  }

  const runs: Promise<void>[] = [];
  for (const { start, end } of chunks(files)) {
    const paths = files.slice(start, end).map((file) => file.path);
    runs.push(
      pool.run({ type: 'prefilter', paths }).then((reply) => {
        // A chunk whose worker failed is decided here instead, so no file is lost.
        const chunk = 'type' in reply && reply.type === 'prefiltered' ? reply.outcomes : paths.map((path) => prefilterFile(path, prefilter));
        chunk.forEach((outcome, offset) => {
          outcomes[start + offset] = outcome;
          onFile(outcome);
        });
      }),
    );
  }
  await Promise.all(runs);
  return outcomes;
}

function* chunks(files: readonly DiscoveredFile[]): Generator<{ start: number; end: number }> {
  let start = 0;
  let bytes = 0;
  for (let index = 0; index < files.length; index++) {
    bytes += files[index]!.size;
    if (bytes >= CHUNK_BYTES || index + 1 - start >= CHUNK_FILES) {
      yield { start, end: index + 1 };
      start = index + 1;
      bytes = 0;
    }
  }
  if (start < files.length) {
    yield { start, end: files.length };
  }
}
