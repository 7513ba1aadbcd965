import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { decodeText } from './discover/decode.js';
import { discoverFiles } from './discover/walk.js';
import { ownReportFormat } from './discover/own-report.js';
import { pathNotFoundError, usageError } from './errors.js';
import type { Extractor, ExtractInput } from './extract/extractor.js';
import { shiftCallSite } from './extract/shift.js';
import type { CallSite } from './model/call-site.js';
import { ExtractorRegistry } from './extract/registry.js';
import { LineIndex } from './match/line-index.js';
import { Matcher } from './match/matcher.js';
import type { FileWarning, Finding, SkippedFile, UnusedSuppression } from './model/finding.js';
import type { ScanOptions, ScanResult, ScanSummary } from './model/scan-result.js';
import { Prefilter } from './prefilter/prefilter.js';
import type { RuleTable } from './rules/load.js';
import { applyRuleSettings, checkRuleSettingIds } from './config/apply-settings.js';
import { loadRuleTableWithUserFiles } from './config/rule-table.js';
import { applyInlineSuppressions } from './suppress/apply.js';
import { compileSignatures } from './rules/signatures.js';
import { defaultExtractors } from './extract/default-extractors.js';

/** Default size limit: larger files are skipped with a reason. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface ScanInternals {
  /** A loaded rule table, to skip loading it again (tests, repeated scans). */
  table?: RuleTable;
  extractors?: readonly Extractor[];
}

/**
 * Scan files and folders for uses of the retired PIM APIs. Files pass through discovery, the
 * byte prefilter, one extractor and the matcher; a file that fails in an extractor is reported
 * as skipped instead of failing the scan.
 */
export async function scan(options: ScanOptions = {}, internals: ScanInternals = {}): Promise<ScanResult> {
  const paths = (options.paths?.length ? options.paths : ['.']).map((path) => resolve(path));
  for (const path of paths) {
    if (!existsSync(path)) {
      throw pathNotFoundError(path);
    }
  }
  const root = resolve(options.root ?? commonFolder(paths.map((path) => (statSync(path).isDirectory() ? path : dirname(path)))));
  const outside = paths.find((path) => path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep));
  if (outside) {
    throw usageError(`scan path ${outside} is outside the root ${root}`, 'Choose a root folder that contains every scan path, or leave the root out to use their common folder.');
  }

  const table = internals.table ?? loadRuleTableWithUserFiles(options.rulesDir ? resolve(options.rulesDir) : undefined, (options.ruleFiles ?? []).map((file) => resolve(file)));
  const ruleIds = table.rules.map((rule) => rule.id);
  checkRuleSettingIds(options.ruleSettings ?? {}, ruleIds);
  const knownRuleIds = new Set(ruleIds);
  const matcher = new Matcher(table);
  const signatures = compileSignatures(table.rules);
  const prefilter = new Prefilter(signatures);
  const registry = new ExtractorRegistry(internals.extractors ?? defaultExtractors());

  const discovered = discoverFiles({
    root,
    paths,
    include: options.include,
    exclude: options.exclude,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    ignoreFiles: new Set((options.ignoreFiles ?? []).map((path) => resolve(path))),
  });
  const skipped: SkippedFile[] = [...discovered.skipped];
  const warnings: FileWarning[] = [];
  const findings: Finding[] = [];
  const unusedSuppressions: UnusedSuppression[] = [];
  let withoutSignature = 0;

  // Candidates are known before extraction, so cross-file resolution can see all of them.
  const candidates: { file: (typeof discovered.files)[number]; bytes: Buffer }[] = [];
  for (const file of discovered.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.path);
    } catch (error) {
      skipped.push({ file: file.relativePath, reason: `not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const reportFormat = ownReportFormat(bytes);
    if (reportFormat) {
      skipped.push({ file: file.relativePath, reason: `a pim-migrate ${reportFormat} report (its findings would be counted twice)` });
      continue;
    }
    if (prefilter.matches(bytes) || prefilter.matchesUtf16(bytes)) {
      candidates.push({ file, bytes });
    } else {
      withoutSignature += 1;
    }
  }
  const candidatePaths = candidates.map((candidate) => candidate.file.path);

  let done = 0;
  try {
    for (const { file, bytes } of candidates) {
      const decoded = decodeText(bytes);
      done += 1;
      if ('skip' in decoded) {
        skipped.push({ file: file.relativePath, reason: decoded.skip });
        options.onProgress?.(done, candidates.length, findings.length);
        continue;
      }
      if (decoded.warning) {
        warnings.push({ file: file.relativePath, message: decoded.warning });
      }
      try {
        const input: ExtractInput = {
          path: file.path,
          relativePath: file.relativePath,
          text: decoded.text,
          language: file.language,
          candidates: candidatePaths,
          root,
          signatures,
          extractEmbedded: (language, text, offset) => extractEmbedded(registry, input, language, text, offset),
        };
        const sites = await registry.forLanguage(file.language).extract(input);
        const lines = new LineIndex(decoded.text);
        const seen = new Set<string>();
        const fileFindings: Finding[] = [];
        for (const site of sites) {
          const finding = matcher.match(site, { relativePath: file.relativePath, text: decoded.text, lines });
          const key = finding && `${finding.ruleId}:${finding.line}:${finding.column}`;
          if (finding && key && !seen.has(key)) {
            seen.add(key);
            fileFindings.push(finding);
          }
        }
        // Suppressions see every finding, so a marker for a rule the config turns off is not reported as unused.
        const suppressions = applyInlineSuppressions(file.relativePath, decoded.text, fileFindings, knownRuleIds);
        unusedSuppressions.push(...suppressions.unused);
        warnings.push(...suppressions.warnings);
        findings.push(...applyRuleSettings(fileFindings, options.ruleSettings, options.severityDefaults));
      } catch (error) {
        skipped.push({ file: file.relativePath, reason: `internal error while analysing the file: ${(error as Error).message}` });
      }
      options.onProgress?.(done, candidates.length, findings.length);
    }
  } finally {
    registry.reset();
  }

  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)));
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const discoveredCount = discovered.files.length + discovered.skipped.length;
  unusedSuppressions.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return {
    root,
    findings,
    skipped,
    warnings,
    unusedSuppressions,
    summary: summarize(discoveredCount, withoutSignature, candidates.length, skipped.length, findings),
  };
}


/** The deepest folder that contains every given folder, so every finding path is relative to it. */
export function commonFolder(folders: string[]): string {
  let common = folders[0]!;
  for (const folder of folders.slice(1)) {
    while (common !== dirname(common) && folder !== common && !folder.startsWith(common.endsWith(sep) ? common : common + sep)) {
      common = dirname(common);
    }
  }
  return common;
}

/** Maximum nesting of embedded regions (a script in a fence in a Markdown file...). */
const MAX_EMBEDDING_DEPTH = 4;

/**
 * Run another language's extractor on a region of a file and shift its offsets to the file.
 * The region's own embedded regions are extracted the same way, up to a fixed depth.
 */
async function extractEmbedded(registry: ExtractorRegistry, outer: ExtractInput, language: string, text: string, offset: number, depth = 1): Promise<CallSite[]> {
  if (depth > MAX_EMBEDDING_DEPTH) {
    return [];
  }
  const inner: ExtractInput = {
    ...outer,
    text,
    language,
    extractEmbedded: (nestedLanguage, nestedText, nestedOffset) => extractEmbedded(registry, inner, nestedLanguage, nestedText, nestedOffset, depth + 1),
  };
  const sites = await registry.forLanguage(language).extract(inner);
  return sites.map((site) => shiftCallSite(site, offset));
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
