import type { CandidateFile, FileAnalysis } from './types.js';
import type { FileAnalyser } from './file-analyser.js';
import type { IndexedCandidate } from './protocol.js';
import type { WorkerPool } from './worker-pool.js';

/** Candidates sent to one worker at a time: fewer messages, and a crash or timeout costs one run. */
const MAX_RUN_FILES = 64;
/** Runs per worker at least, so the workers finish close together. */
const RUNS_PER_WORKER = 4;

/**
 * Analyses every candidate in the pool, or in this thread with `analyser`. Returns the
 * analyses in candidate order; `onFile` is called as each file is done.
 *
 * In the pool a file whose analysis runs over `timeoutMs` is reported as skipped, its worker is
 * replaced and the rest of its run goes back to the queue. In this thread there is no limit.
 */
export async function analyseAll(
  candidates: readonly CandidateFile[],
  engine: { pool: WorkerPool; workers: number; timeoutMs: number } | { analyser: FileAnalyser },
  onFile: (analysis: FileAnalysis) => void,
): Promise<FileAnalysis[]> {
  const analyses: FileAnalysis[] = new Array(candidates.length);
  if ('analyser' in engine) {
    // NOTE: a file that hangs an extractor hangs an in-process scan; only workers can be stopped.
    for (let index = 0; index < candidates.length; index++) {
      const analysis = await engine.analyser.analyse(candidates[index]!);
      analyses[index] = analysis;
      onFile(analysis);
    }
    return analyses;
  }

  const { pool, timeoutMs } = engine;
  const runFiles = Math.max(1, Math.min(MAX_RUN_FILES, Math.ceil(candidates.length / (engine.workers * RUNS_PER_WORKER))));
  const record = (index: number, analysis: FileAnalysis): void => {
    analyses[index] = analysis;
    onFile(analysis);
  };
  const runs: Promise<void>[] = [];
  for (let start = 0; start < candidates.length; start += runFiles) {
    const files = candidates.slice(start, start + runFiles).map((file, offset) => ({ index: start + offset, file }));
    runs.push(analyseRun(pool, files, { timeoutMs }, record));
  }
  await Promise.all(runs);
  return analyses;
}

/**
 * Analyses a run of candidates in one worker task and passes each file's analysis to `onFile`
 * with its index. A file whose analysis runs over `timeoutMs`, or whose worker crashes or runs out
 * of memory, gets a skip reason. Its worker is replaced, and the files after it run again in a new task.
 *
 * With `beforeCandidates` the run comes before the candidate list is complete, and a file whose
 * extraction needs that list goes to `onNeedsCandidates` instead of `onFile`. With `worker` the
 * run waits for the worker at that index.
 */
export async function analyseRun(
  pool: WorkerPool,
  files: IndexedCandidate[],
  options: { timeoutMs: number; beforeCandidates?: boolean; worker?: number; onNeedsCandidates?: (index: number) => void },
  onFile: (index: number, analysis: FileAnalysis) => void,
): Promise<void> {
  const done = new Set<number>();
  const reply = await pool.run(
    { type: 'analyse', files, beforeCandidates: options.beforeCandidates },
    {
      timeoutMs: options.timeoutMs,
      inWorker: options.worker,
      onPartial: (partial) => {
        if (partial.type !== 'analysed-file') {
          return;
        }
        done.add(partial.index);
        if (partial.needsCandidates) {
          options.onNeedsCandidates?.(partial.index);
        } else {
          onFile(partial.index, partial.analysis);
        }
      },
    },
  );
  const rest = files.filter((entry) => !done.has(entry.index));
  if (rest.length === 0) {
    return;
  }
  // The worker stopped at the first file it did not finish; the files after it are run again.
  const [stopped, ...after] = rest;
  const reason =
    'failure' in reply
      ? reply.failure === 'timeout'
        ? `extraction timed out after ${reply.afterMs} ms`
        : /memory limit/i.test(reply.message)
          ? `the analysis needed more memory than a worker's limit (${reply.message}); scan the file with --jobs 1`
          : `internal error while analysing the file: ${reply.message}`
      : reply.type === 'failed'
        ? `internal error while analysing the file: ${reply.message}`
        : 'internal error while analysing the file: the worker returned no result';
  onFile(stopped!.index, { findings: [], warnings: [], unusedSuppressions: [], skipped: { file: stopped!.file.relativePath, reason } });
  if (after.length > 0) {
    await analyseRun(pool, after, options, onFile);
  }
}
