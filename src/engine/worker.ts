import { parentPort, workerData } from 'node:worker_threads';
import { Prefilter } from '../prefilter/prefilter.js';
import type { FileAnalyser } from './file-analyser.js';
import { prefilterFile } from './prefilter-file.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';

/**
 * Worker thread of the scan pool: prefilters chunks of files, then analyses candidate files one
 * at a time. The extractors (ts-morph, tree-sitter grammars) load on the first `candidates`
 * message, or in the preloading worker on its first candidate, so a scan whose files all fail the
 * prefilter never pays for them.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const prefilter = new Prefilter(init.signatures);
let analyser: FileAnalyser | undefined;
let extractorsModule: Promise<typeof import('../extract/default-extractors.js')> | undefined;

function loadExtractors(): Promise<typeof import('../extract/default-extractors.js')> {
  return (extractorsModule ??= import('../extract/default-extractors.js'));
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.type) {
    case 'prefilter': {
      const outcomes = request.paths.map((path) => prefilterFile(path, prefilter, init.maxFileSize));
      if (init.preloadExtractors && outcomes.some((outcome) => outcome.kind === 'candidate')) {
        // Not awaited: the modules load between prefilter requests. A failure shows at `candidates`.
        loadExtractors().catch(() => undefined);
      }
      return { type: 'prefiltered', id: request.id, outcomes };
    }
    case 'candidates': {
      // The analyser's modules (matcher, rule settings, zod) load only in workers that analyse.
      const [{ defaultExtractors }, { FileAnalyser }] = await Promise.all([loadExtractors(), import('./file-analyser.js')]);
      analyser?.reset();
      analyser = new FileAnalyser(init.table, init.signatures, init.settings, defaultExtractors(), request.candidates);
      return { type: 'ready', id: request.id };
    }
    case 'analyse':
      if (!analyser) {
        throw new Error('analyse request before the candidate list');
      }
      for (const { index, file } of request.files) {
        const analysis = await analyser.analyse(file);
        port.postMessage({ type: 'analysed-file', id: request.id, index, analysis } satisfies WorkerReply);
      }
      return { type: 'analysed', id: request.id };
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
