import type { RuleTable } from '../rules/load.js';
import type { AnalysisSettings } from './file-analyser.js';
import type { CandidateFile, FileAnalysis, PrefilterOutcome } from './types.js';

/** What each worker receives at start: the rule table and settings, loaded once per worker. */
export interface WorkerInit {
  table: RuleTable;
  signatures: readonly string[];
  settings: AnalysisSettings;
  /** `--max-file-size` in bytes: a larger file is skipped unread. */
  maxFileSize: number;
  /**
   * Start loading the TypeScript extractor as soon as a prefilter chunk contains a TypeScript or
   * JavaScript candidate, so it is ready when their analysis starts. Set for the first worker,
   * which analyses those files while the prefilter runs.
   */
  preloadExtractors?: boolean;
}

/** Messages from the main thread to a worker. */
export type WorkerRequest =
  | { type: 'prefilter'; id: number; paths: string[] }
  /** Every candidate of the scan; sent once before the first `analyse`, and to every replacement worker. */
  | { type: 'candidates'; id: number; candidates: string[] }
  /**
   * A run of neighbouring candidates, analysed in order. With `beforeCandidates`, the run comes before the `candidates` message, while the prefilter
   * still runs: a file whose extraction reads the candidate list is abandoned and replied with
   * `needsCandidates`, so it can be analysed again once the list is complete.
   */
  | { type: 'analyse'; id: number; files: IndexedCandidate[]; beforeCandidates?: boolean };

/** A candidate with its index in the scan's candidate list. */
export interface IndexedCandidate {
  index: number;
  file: CandidateFile;
}

/** Messages from a worker to the main thread, one for each request. */
export type WorkerReply =
  | { type: 'prefiltered'; id: number; outcomes: PrefilterOutcome[] }
  | { type: 'ready'; id: number }
  /** One file of an `analyse` request is done; more follow until `analysed`. */
  | { type: 'analysed-file'; id: number; index: number; analysis: FileAnalysis; needsCandidates?: boolean }
  /** The worker has loaded modules (the analyser, or an extractor of the next file), so the file's time limit starts again. */
  | { type: 'prepared'; id: number }
  | { type: 'analysed'; id: number }
  | { type: 'failed'; id: number; message: string };
