import { parentPort, workerData } from 'node:worker_threads';
import { languageOf } from '../discover/languages.js';
import { readByTypescript } from '../extract/typescript/languages.js';
import { Prefilter } from '../prefilter/prefilter.js';
import type { FileAnalyser } from './file-analyser.js';
import { PendingCandidateList } from './pending-candidates.js';
import { prefilterFile } from './prefilter-file.js';
import type { IndexedCandidate, WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';
import type { PrefilterOutcome } from './types.js';

/**
 * Worker thread of the scan pool: prefilters chunks of files and analyses candidate files one at
 * a time, either after the `candidates` message or before it (`analyse` with `beforeCandidates`).
 * Each extractor loads on its first file, so a scan whose files all fail the prefilter never pays
 * for them. The preloading worker starts loading the TypeScript extractor, the slowest to load,
 * as soon as one of its chunks contains a TypeScript or JavaScript candidate.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const prefilter = new Prefilter(init.signatures);
let analyser: FileAnalyser | undefined;
/** Analyser of the files sent before the candidate list, with a list that rejects every read. */
let earlyAnalyser: { analyser: FileAnalyser; candidates: PendingCandidateList } | undefined;
let typescriptPreload: Promise<unknown> | undefined;

/** True when one of `paths` is a candidate that the TypeScript extractor reads. */
function hasScriptCandidate(paths: readonly string[], outcomes: readonly PrefilterOutcome[]): boolean {
  return outcomes.some((outcome, index) => outcome.kind === 'candidate' && readByTypescript(languageOf(paths[index]!), outcome.longLine));
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.type) {
    case 'prefilter': {
      const outcomes = request.paths.map((path) => prefilterFile(path, prefilter, init.maxFileSize));
      if (init.preloadExtractors && !typescriptPreload && hasScriptCandidate(request.paths, outcomes)) {
        // Not awaited: the module loads between prefilter requests. A failure shows at the first TypeScript file.
        typescriptPreload = import('../extract/typescript/index.js').catch(() => undefined);
      }
      return { type: 'prefiltered', id: request.id, outcomes };
    }
    case 'candidates': {
      // Both analysers share the extractors' caches, so a reset of either clears them.
      earlyAnalyser?.analyser.reset();
      earlyAnalyser = undefined;
      analyser?.reset();
      analyser = await createAnalyser(request.candidates);
      return { type: 'ready', id: request.id };
    }
    case 'analyse':
      if (request.beforeCandidates) {
        await analyseBeforeCandidates(request.id, request.files);
        return { type: 'analysed', id: request.id };
      }
      if (!analyser) {
        throw new Error('analyse request before the candidate list');
      }
      for (const { index, file } of request.files) {
        const analysis = await analyser.analyse(file, prepared(request.id));
        port.postMessage({ type: 'analysed-file', id: request.id, index, analysis } satisfies WorkerReply);
      }
      return { type: 'analysed', id: request.id };
  }
}

/** Returns a callback that reports loaded modules to the pool, so the file's time limit starts again. */
function prepared(id: number): () => void {
  return () => port.postMessage({ type: 'prepared', id } satisfies WorkerReply);
}

async function createAnalyser(candidates: readonly string[]): Promise<FileAnalyser> {
  // The analyser's modules (matcher, rule settings, zod) load only in workers that analyse.
  const [{ defaultExtractors }, { FileAnalyser }] = await Promise.all([import('../extract/default-extractors.js'), import('./file-analyser.js')]);
  return new FileAnalyser(init.table, init.signatures, init.settings, defaultExtractors(), candidates);
}

/**
 * Analyses files before the candidate list is complete. A file whose extraction read the list is
 * replied with `needsCandidates` and its result dropped. The caches are cleared after it, so no
 * state of the abandoned extraction reaches the files after it.
 */
async function analyseBeforeCandidates(id: number, files: IndexedCandidate[]): Promise<void> {
  if (!earlyAnalyser) {
    const candidates = new PendingCandidateList();
    earlyAnalyser = { analyser: await createAnalyser(candidates.list), candidates };
    // Loading the analyser's modules does not count as a file's extraction time.
    prepared(id)();
  }
  const { analyser: early, candidates } = earlyAnalyser;
  for (const { index, file } of files) {
    candidates.read = false;
    const analysis = await early.analyse(file, prepared(id));
    const needsCandidates = candidates.read;
    if (needsCandidates) {
      early.reset();
    }
    port.postMessage({ type: 'analysed-file', id, index, analysis, needsCandidates } satisfies WorkerReply);
  }
}

// Requests run one after another, so `candidates` is in place before the next `analyse`.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = await handle(request);
    } catch (error) {
      reply = { type: 'failed', id: request.id, message: (error as Error).message };
    }
    port.postMessage(reply);
  });
});
