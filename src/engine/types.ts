import type { FileWarning, Finding, SkippedFile, UnusedSuppression } from '../model/finding.js';

/** A file that passed the prefilter, as the main thread hands it to the analyser. */
export interface CandidateFile {
  /** Absolute path. */
  path: string;
  /** Relative to the scan root, forward slashes. */
  relativePath: string;
  language: string;
}

/** What the analysis of one candidate file adds to the scan result. */
export interface FileAnalysis {
  findings: Finding[];
  warnings: FileWarning[];
  unusedSuppressions: UnusedSuppression[];
  /** Set when the file could not be analysed; findings are then empty. */
  skipped?: SkippedFile;
}

/** The prefilter's verdict on one discovered file. */
export type PrefilterOutcome = { kind: 'candidate' } | { kind: 'no-signature' } | { kind: 'skipped'; reason: string };
