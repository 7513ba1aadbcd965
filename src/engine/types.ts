import type { FileWarning, Finding, SkippedFile, UnusedSuppression } from '../model/finding.js';

/** A file that passed the prefilter, as the main thread hands it to the analyser. */
export interface CandidateFile {
  /** Absolute path. */
  path: string;
  /** Relative to the scan root, forward slashes. */
  relativePath: string;
  language: string;
}

/** Findings, warnings and the skip reason that the analysis of one candidate file adds to the scan result. */
export interface FileAnalysis {
  findings: Finding[];
  warnings: FileWarning[];
  unusedSuppressions: UnusedSuppression[];
  /** Set when the file could not be analysed; findings are then empty. */
  skipped?: SkippedFile;
}

/** The prefilter's verdict on one discovered file. */
export type PrefilterOutcome =
  /** `longLine`: some line is longer than LONG_LINE_CHARACTERS bytes (a minified bundle). */
  | { kind: 'candidate'; longLine: boolean }
  | { kind: 'no-signature' }
  | { kind: 'skipped'; reason: string };
