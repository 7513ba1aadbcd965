import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve, sep } from 'node:path';
import { walkTree } from './discover/walk.js';
import { PimMigrateError, pathNotFoundError, usageError } from './errors.js';
import type { Extractor } from './extract/extractor.js';
import type { FileWarning, Finding, SkippedFile, UnusedSuppression } from './model/finding.js';
import type { ScanOptions, ScanResult, ScanSummary } from './model/scan-result.js';
import { Prefilter } from './prefilter/prefilter.js';
import type { RuleTable } from './rules/load.js';
import { checkRuleSettingIds } from './config/apply-settings.js';
import { loadRuleTableWithUserFiles } from './config/rule-table.js';
import { compileSignatures } from './rules/signatures.js';
import { analyseAll } from './engine/analysis-phase.js';
import { EarlyAnalysis } from './engine/early-analysis.js';
import { FileAnalyser } from './engine/file-analyser.js';
import { PrefilterFeeder } from './engine/prefilter-phase.js';
import type { CandidateFile, FileAnalysis } from './engine/types.js';
import { WorkerPool } from './engine/worker-pool.js';


/** Worker threads per core at most; see `jobs` in scan(). */
const MAX_JOBS_PER_CORE = 2;
/** Default size limit: larger files are skipped with a reason. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Default time limit for one file's extraction in a worker, in milliseconds. */
export const DEFAULT_FILE_TIMEOUT_MS = 10_000;

/**
 * Below MIN_FILES_FOR_WORKERS files the scan reads and analyses files in this thread, because
 * starting workers costs more than it saves. Once workers run, below MIN_CANDIDATES_FOR_WORKERS
 * candidates only one of them analyses: each worker that loads the extractors (the TypeScript
 * compiler, the grammars) adds about 150 MB of memory, and a few hundred files take seconds in one thread.
 * Estimates from runs of `npm run bench` on 2 cores.
 */
const MIN_FILES_FOR_WORKERS = 2_000;
const MIN_CANDIDATES_FOR_WORKERS = 1_000;

export interface ScanInternals {
  /** A loaded rule table, to skip loading it again (tests, repeated scans). */
  table?: RuleTable;
  extractors?: readonly Extractor[];
  /** Overrides of MIN_FILES_FOR_WORKERS and MIN_CANDIDATES_FOR_WORKERS, so tests can run the whole pool on small trees. */
  minFilesForWorkers?: number;
  minCandidatesForWorkers?: number;
  /** Old-generation heap limit of each worker in MB, so tests can make a worker run out of memory. */
  workerHeapLimitMb?: number;
}

/**
 * Scan files and folders for uses of the retired PIM APIs. Files pass through discovery, the
 * byte prefilter, one extractor and the matcher; a file that fails in an extractor is reported
 * as skipped instead of failing the scan. Large scans read and analyse files in worker threads
 * (`jobs`); the result is the same as in one thread.
 */
export async function scan(options: ScanOptions = {}, internals: ScanInternals = {}): Promise<ScanResult> {
  const paths = (options.paths?.length ? options.paths : ['.']).map((path) => resolve(path));
  for (const path of paths) {
    checkScanPath(path);
  }
  const root = resolve(options.root ?? commonFolder(paths.map((path) => (statSync(path).isDirectory() ? path : dirname(path)))));
  const outside = paths.find((path) => path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep));
  if (outside) {
    throw usageError(`scan path ${outside} is outside the root ${root}`, 'Choose a root folder that contains every scan path, or leave the root out to use their common folder.');
  }

  const table = internals.table ?? loadRuleTableWithUserFiles(options.rulesDir ? resolve(options.rulesDir) : undefined, (options.ruleFiles ?? []).map((file) => resolve(file)));
  const ruleIds = table.rules.map((rule) => rule.id);
  checkRuleSettingIds(options.ruleSettings ?? {}, ruleIds);
  const signatures = compileSignatures(table.rules);
  const prefilter = new Prefilter(signatures);

  const requestedJobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(requestedJobs) || requestedJobs < 1) {
    throw usageError(`invalid number of jobs: ${requestedJobs}`, 'Pass a positive integer, such as the number of cores.');
  }
  // Each analysing worker loads its own parsers (about 150 MB), and threads beyond the cores
  // only add memory, so the pool has at most twice as many workers as cores.
  const jobs = Math.min(requestedJobs, MAX_JOBS_PER_CORE * availableParallelism());
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const fileTimeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  if (!Number.isInteger(fileTimeoutMs) || fileTimeoutMs < 1) {
    throw usageError(`invalid file time limit: ${fileTimeoutMs} ms`, 'Pass a positive whole number of milliseconds.');
  }
  // Custom extractors are objects of this thread and cannot be sent to a worker.
  const workersAllowed = jobs > 1 && internals.extractors === undefined;
  const settings = { root, ruleSettings: options.ruleSettings, severityDefaults: options.severityDefaults };
  let pool: WorkerPool | undefined;
  const startPool = (): WorkerPool => (pool ??= new WorkerPool(jobs, { table, signatures, settings, maxFileSize }, internals.workerHeapLimitMb));

  let summaryCounts = { withoutSignature: 0, parsed: 0 };
  const warnings: FileWarning[] = [];
  const findings: Finding[] = [];
  const unusedSuppressions: UnusedSuppression[] = [];
  let skipped: SkippedFile[] = [];
  let discoveredCount = 0;
  let done = 0;
  let findingCount = 0;
  // Files found so far: it grows while the walk runs, because workers report outcomes during it.
  let total = 0;
  try {
    const onAnalysed = (analysis: FileAnalysis): void => {
      done += 1;
      findingCount += analysis.findings.length;
      options.onProgress?.(done, total, findingCount);
    };
    // Created with the pool. Candidates buffered before the pool started are prefiltered in it too, so none is missed.
    let early: EarlyAnalysis | undefined;
    const feeder = new PrefilterFeeder(prefilter, workersAllowed ? startPool : undefined, internals.minFilesForWorkers ?? MIN_FILES_FOR_WORKERS, maxFileSize, (outcome, candidate) => {
      if (candidate && pool !== undefined) {
        early ??= new EarlyAnalysis(pool, fileTimeoutMs, onAnalysed);
        early.add(candidate);
      } else if (outcome.kind !== 'candidate') {
        done += 1;
        options.onProgress?.(done, total, findingCount);
      }
    });
    // Workers read and prefilter files while this thread walks the tree. The walk pauses while
    // the workers have enough queued, so the paths waiting for them stay few whatever the tree's size.
    // Without maxFileSize the walk stats no file: the worker's fstat checks the size limit.
    const walkSkipped: SkippedFile[] = [];
    const entries = walkTree({
      root,
      paths,
      include: options.include,
      exclude: options.exclude,
      followLinks: options.followLinks,
      ignoreFiles: new Set((options.ignoreFiles ?? []).map((path) => resolve(path))),
    });
    for (const entry of entries) {
      if ('skipped' in entry) {
        walkSkipped.push(entry.skipped);
        continue;
      }
      feeder.add(entry.file);
      total = feeder.fileCount;
      if (feeder.mustWait) {
        await feeder.whenReady();
      }
    }
    const prefiltered = await feeder.finish();
    // The pool may shrink and takes the candidate list only between tasks.
    const earlyAnalyses = (await early?.finish()) ?? new Map<number, FileAnalysis>();
    discoveredCount = prefiltered.files + walkSkipped.length;
    skipped = [...walkSkipped, ...prefiltered.skipped];

    // Candidates are known before extraction, so cross-file resolution can see all of them.
    const candidates: CandidateFile[] = prefiltered.candidates.map((candidate) => candidate.file);
    // Files that cross-file resolution may read; one-line bundles are left out, because the generic
    // extractor reads them and parsing one as a script takes seconds.
    const candidatePaths = prefiltered.candidates.filter((candidate) => !candidate.longLine).map((candidate) => candidate.file.path);

    // Analysed here: the candidates without an early analysis, in candidate order.
    const remaining = prefiltered.candidates.filter((candidate) => !earlyAnalyses.has(candidate.order)).map((candidate) => candidate.file);
    let analyses: FileAnalysis[] = [];
    if (remaining.length === 0) {
      // Every candidate was analysed early, or there is none. Then the extractors (about 0.5 s of module loading) never load.
    } else if (pool !== undefined) {
      // Once workers run, every candidate is analysed in them, where --file-timeout can stop a file.
      // Few candidates go to the first worker alone, which has loaded the TypeScript extractor, so one copy is in memory.
      const workers: WorkerPool = pool;
      if (candidates.length < (internals.minCandidatesForWorkers ?? MIN_CANDIDATES_FOR_WORKERS)) {
        workers.shrink(1);
      }
      workers.setCandidates(candidatePaths);
      analyses = await analyseAll(remaining, { pool: workers, workers: workers.size, timeoutMs: fileTimeoutMs }, onAnalysed);
    } else {
      // A small tree or --jobs 1: this thread analyses the files, without a time limit.
      const extractors = internals.extractors ?? (await loadDefaultExtractors());
      const analyser = new FileAnalyser(table, signatures, settings, extractors, candidatePaths);
      try {
        analyses = await analyseAll(remaining, { analyser }, onAnalysed);
      } finally {
        analyser.reset();
      }
    }

    // Merged in candidate order, so the result does not depend on which worker finished first.
    let next = 0;
    const ordered = prefiltered.candidates.map((candidate) => earlyAnalyses.get(candidate.order) ?? analyses[next++]!);
    for (const analysis of ordered) {
      findings.push(...analysis.findings);
      warnings.push(...analysis.warnings);
      unusedSuppressions.push(...analysis.unusedSuppressions);
      if (analysis.skipped) {
        skipped.push(analysis.skipped);
      }
    }
    // A candidate that could not be analysed counts as skipped, not parsed, so the counts add up.
    summaryCounts = { withoutSignature: prefiltered.withoutSignature, parsed: ordered.filter((analysis) => !analysis.skipped).length };
  } finally {
    await pool?.close();
  }

  findings.sort((a, b) => compareFiles(a.file, b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  skipped.sort((a, b) => compareFiles(a.file, b.file));
  unusedSuppressions.sort((a, b) => compareFiles(a.file, b.file) || a.line - b.line);
  return {
    root,
    findings,
    skipped,
    warnings,
    unusedSuppressions,
    summary: summarize(discoveredCount, summaryCounts.withoutSignature, summaryCounts.parsed, skipped.length, findings),
  };
}


/** Order paths by UTF-16 code units, the same on every machine and locale. */
function compareFiles(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/**
 * Rejects a scan path that cannot be opened, with the reason: not found, a symbolic link loop,
 * a link to a missing target, a path through a file, or no permission.
 */
function checkScanPath(path: string): void {
  try {
    statSync(path);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const link = lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true;
    if (code === 'ENOENT' && !link) throw pathNotFoundError(path);
    const reason =
      code === 'ELOOP' ? 'it is a symbolic link loop (too many levels of symbolic links)'
      : code === 'ENOENT' ? `it is a symbolic link to ${readlinkSync(path)}, which does not exist`
      : code === 'ENOTDIR' ? 'a part of the path is a file, not a folder'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : (code ?? String(error));
    throw new PimMigrateError('path-not-found', `cannot open the scan path ${path}: ${reason}`, 'Pass an existing file or folder, or correct the symbolic link.');
  }
}

/** Return the deepest folder that contains every given folder, so every finding path is relative to it. */
export function commonFolder(folders: string[]): string {
  let common = folders[0]!;
  for (const folder of folders.slice(1)) {
    while (common !== dirname(common) && folder !== common && !folder.startsWith(common.endsWith(sep) ? common : common + sep)) {
      common = dirname(common);
    }
  }
  return common;
}

async function loadDefaultExtractors(): Promise<Extractor[]> {
  return (await import('./extract/default-extractors.js')).defaultExtractors();
}

/** Counts a scan's files and findings; exported so a result can be recounted after findings change. */
export function summarize(discovered: number, withoutSignature: number, parsed: number, skippedCount: number, findings: Finding[]): ScanSummary {
  const count = (key: (finding: Finding) => string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const finding of findings) {
      const value = key(finding);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
  };
  return {
    filesDiscovered: discovered,
    filesWithoutSignature: withoutSignature,
    filesParsed: parsed,
    filesSkipped: skippedCount,
    findings: findings.length,
    byProvider: count((finding) => finding.provider ?? 'dynamic'),
    byFix: count((finding) => finding.fix),
    byFamily: count((finding) => finding.family),
    byRule: count((finding) => finding.ruleId),
    inComments: findings.filter((finding) => finding.inComment).length,
  };
}
