import type { RuleSetting, SeverityDefaults } from '../config/schema.js';
import type { FileWarning, Finding, SkippedFile, UnusedSuppression } from './finding.js';

export interface ScanSummary {
  /** Every file discovery found, including those skipped. */
  filesDiscovered: number;
  /** Files read and left out by the prefilter because they contain no signature. */
  filesWithoutSignature: number;
  /** Files that contained a prefilter signature and were handed to an extractor. */
  filesParsed: number;
  filesSkipped: number;
  findings: number;
  byProvider: Record<string, number>;
  byFix: Record<string, number>;
  byFamily: Record<string, number>;
  byRule: Record<string, number>;
  inComments: number;
}

/** The result of one scan: the JSON report is this object plus a schema version and tool name. */
export interface ScanResult {
  /** Absolute scan root. */
  root: string;
  findings: Finding[];
  skipped: SkippedFile[];
  /** Files scanned with a caveat, such as a fallback encoding. */
  warnings: FileWarning[];
  /** Inline suppression markers that suppressed nothing; absent in results built before they existed. */
  unusedSuppressions?: UnusedSuppression[];
  summary: ScanSummary;
}

export interface ScanOptions {
  /** Files or folders to scan; default the current folder. */
  paths?: string[];
  /** Folder that finding paths are relative to; default the first path (its folder for a file). */
  root?: string;
  /** Glob patterns (gitignore style) a file must match to be scanned. */
  include?: string[];
  /** Glob patterns (gitignore style) of files to leave out. */
  exclude?: string[];
  /** Files (absolute or relative to the current folder) the scan leaves out, such as its own report files. */
  ignoreFiles?: string[];
  /** Rule folder to use instead of the built-in `rules/`. */
  rulesDir?: string;
  /** Extra rule files of the user's own; their rules may leave out `tests`. */
  ruleFiles?: string[];
  /** Per rule id: `off` drops its findings, `{ severity }` sets their severity. */
  ruleSettings?: Record<string, RuleSetting>;
  /** Severity by fix tier or confidence; a per-rule severity wins over these. */
  severityDefaults?: SeverityDefaults;
  /** Files larger than this many bytes are skipped with a reason. */
  maxFileSize?: number;
  /**
   * Follow symbolic links to files and folders whose real path is inside the root; default false,
   * which lists every link as skipped. Links outside the root and link loops are skipped with a reason.
   */
  followLinks?: boolean;
  /** Worker threads that read and analyse files; default the number of cores. 1 scans in this thread. */
  jobs?: number;
  /**
   * Milliseconds one file's extraction may take in a worker before it is stopped and the file is
   * reported as skipped; default 10,000. Not enforced when the scan runs in this thread.
   */
  fileTimeoutMs?: number;
  /**
   * Called after each file is read and, when it has a signature, analysed: `done` of `total`
   * files to read, for progress displays.
   */
  onProgress?: (done: number, total: number, findings: number) => void;
}
