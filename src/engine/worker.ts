import { parentPort, workerData } from 'node:worker_threads';
import { Prefilter } from '../prefilter/prefilter.js';
import { FileAnalyser } from './file-analyser.js';
import { prefilterFile } from './prefilter-file.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';

/**
 * Worker thread of the scan pool: prefilters chunks of files, then analyses candidate files one
 * at a time. The extractors (ts-morph, tree-sitter grammars) load on the first `candidates`
 * message, so a scan whose files all fail the prefilter never pays for them.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const prefilter = new Prefilter(init.signatures);
let analyser: FileAnalyser | undefined;

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.type) {
    case 'prefilter':
      return { type: 'prefiltered', id: request.id, outcomes: request.paths.map((path) => prefilterFile(path, prefilter)) };
    case 'candidates': {
      const { defaultExtractors } = await import('../extract/default-extractors.js');
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
