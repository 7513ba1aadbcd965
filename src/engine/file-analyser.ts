import { readFileSync } from 'node:fs';
import { applyRuleSettings } from '../config/apply-settings.js';
import type { RuleSetting, SeverityDefaults } from '../config/schema.js';
import { decodeText } from '../discover/decode.js';
import type { Extractor, ExtractInput } from '../extract/extractor.js';
import { ExtractorRegistry } from '../extract/registry.js';
import { genericExtractor } from '../extract/generic/index.js';
import { shiftCallSite } from '../extract/shift.js';
import { LineIndex } from '../match/line-index.js';
import { Matcher } from '../match/matcher.js';
import type { CallSite } from '../model/call-site.js';
import type { FileWarning, Finding } from '../model/finding.js';
import type { RuleTable } from '../rules/load.js';
import { applyInlineSuppressions } from '../suppress/apply.js';
import { hasLongLine, LONG_LINE_CHARACTERS } from '../extract/common/long-lines.js';
import { nestsDeeperThan } from '../extract/common/nesting.js';
import type { CandidateFile, FileAnalysis } from './types.js';

/** Settings that shape findings, the same in the main thread and in every worker. */
export interface AnalysisSettings {
  root: string;
  ruleSettings?: Record<string, RuleSetting>;
  severityDefaults?: SeverityDefaults;
}

/** Maximum nesting of embedded regions (a script in a fence in a Markdown file...). */
const MAX_EMBEDDING_DEPTH = 4;

/**
 * Files analysed between two resets of the extractors' caches (parsed TypeScript files, file texts),
 * so a scan with many candidates never keeps every syntax tree. Cross-file resolution reads
 * what it needs from disk again after a reset.
 */
const FILES_PER_CACHE_GENERATION = 64;

/**
 * Turns one candidate file into findings: reads and decodes it, runs its extractor, matches the
 * call sites and applies inline suppressions and rule settings. One instance lives in the main
 * thread (small scans, `--jobs 1`) or in each worker thread.
 */
export class FileAnalyser {
  private readonly matcher: Matcher;
  private readonly registry: ExtractorRegistry;
  private readonly knownRuleIds: Set<string>;
  private filesSinceReset = 0;
  /** Extractors whose `prepare` has completed. */
  private readonly prepared = new Set<Extractor>();
  private onPrepared: (() => void) | undefined;
  /** Warnings of the file being analysed, for its embedded regions. */
  private warnings: FileWarning[] = [];

  constructor(
    table: RuleTable,
    private readonly signatures: readonly string[],
    private readonly settings: AnalysisSettings,
    extractors: readonly Extractor[],
    /** Every candidate of the scan (absolute paths, in scan order), for cross-file resolution. */
    private readonly candidates: readonly string[],
  ) {
    this.matcher = new Matcher(table);
    this.registry = new ExtractorRegistry(extractors);
    this.knownRuleIds = new Set(table.rules.map((rule) => rule.id));
  }

  /**
   * Analyses one file. `onPrepared` is called when an extractor had to load its modules first
   * (the TypeScript compiler takes about 0.3 s), so a worker can start the file's time limit again.
   */
  async analyse(file: CandidateFile, onPrepared?: () => void): Promise<FileAnalysis> {
    this.onPrepared = onPrepared;
    const result: FileAnalysis = { findings: [], warnings: [], unusedSuppressions: [] };
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.path);
    } catch (error) {
      result.skipped = { file: file.relativePath, reason: `not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
      return result;
    }
    const decoded = decodeText(bytes);
    if ('skip' in decoded) {
      result.skipped = { file: file.relativePath, reason: decoded.skip };
      return result;
    }
    if (decoded.warning) {
      result.warnings.push({ file: file.relativePath, message: decoded.warning });
    }
    try {
      const findings = await this.findingsOf(file, decoded.text, result.warnings);
      const suppressions = applyInlineSuppressions(file.relativePath, decoded.text, findings, this.knownRuleIds);
      result.unusedSuppressions.push(...suppressions.unused);
      result.warnings.push(...suppressions.warnings);
      result.findings = applyRuleSettings(findings, this.settings.ruleSettings, this.settings.severityDefaults);
    } catch (error) {
      result.skipped = { file: file.relativePath, reason: `internal error while analysing the file: ${(error as Error).message}` };
    }
    this.countFile();
    return result;
  }

  /** Release every extractor cache; call once the scan is over. */
  reset(): void {
    this.registry.reset();
    this.filesSinceReset = 0;
  }

  private async findingsOf(file: CandidateFile, text: string, warnings: FileWarning[]): Promise<Finding[]> {
    this.warnings = warnings;
    const input: ExtractInput = {
      path: file.path,
      relativePath: file.relativePath,
      text,
      language: file.language,
      candidates: this.candidates,
      root: this.settings.root,
      signatures: this.signatures,
      extractEmbedded: (language, region, offset) => this.extractEmbedded(input, language, region, offset, 1),
    };
    // Parsers take minutes on one-line bundles of megabytes, and the generic extractor's windows are bounded.
    const extractor = hasLongLine(text, LONG_LINE_CHARACTERS) ? genericExtractor : this.withinNesting(this.registry.forLanguage(file.language), input, warnings);
    let sites;
    try {
      await this.prepare(extractor);
      sites = await extractor.extract(input);
    } catch (error) {
      // A recursive parser overflows its stack on deep nesting; the text extractor has no recursion.
      if (!(error instanceof RangeError) || !/call stack/i.test(error.message) || extractor === genericExtractor) {
        throw error;
      }
      warnings.push({ file: file.relativePath, message: `the ${file.language} parser ran out of stack (nesting too deep); the file was read with the text extractor, so findings are less precise` });
      sites = await genericExtractor.extract(input);
    }
    // Suppressions see every finding, so a marker for a rule the config turns off is not reported as unused.
    const lines = new LineIndex(text);
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const site of sites) {
      const finding = this.matcher.match(site, { relativePath: file.relativePath, text, lines });
      const key = finding && `${finding.ruleId}:${finding.line}:${finding.column}`;
      if (finding && key && !seen.has(key)) {
        seen.add(key);
        findings.push(finding);
      }
    }
    return findings;
  }

  /**
   * Run another language's extractor on a region of a file and shift its offsets to the file.
   * The region's own embedded regions are extracted the same way, up to a fixed depth.
   */
  private async extractEmbedded(outer: ExtractInput, language: string, text: string, offset: number, depth: number): Promise<CallSite[]> {
    if (depth > MAX_EMBEDDING_DEPTH) {
      return [];
    }
    const inner: ExtractInput = {
      ...outer,
      text,
      language,
      extractEmbedded: (nestedLanguage, nestedText, nestedOffset) => this.extractEmbedded(inner, nestedLanguage, nestedText, nestedOffset, depth + 1),
    };
    const extractor = this.withinNesting(this.registry.forLanguage(language), inner, this.warnings);
    await this.prepare(extractor);
    const sites = await extractor.extract(inner);
    return sites.map((site) => shiftCallSite(site, offset));
  }

  /**
   * Returns `extractor`, or the generic extractor with a warning when the text nests deeper than
   * the extractor's parser reads in every thread.
   */
  private withinNesting(extractor: Extractor, input: ExtractInput, warnings: FileWarning[]): Extractor {
    if (extractor.maxNesting === undefined || !nestsDeeperThan(input.text, extractor.maxNesting)) {
      return extractor;
    }
    warnings.push({
      file: input.relativePath,
      message: `the ${input.language} code nests brackets deeper than ${extractor.maxNesting} levels, more than its parser reads; the file was read with the text extractor, so findings are less precise`,
    });
    return genericExtractor;
  }

  /** Runs an extractor's `prepare` once, and calls `onPrepared` when it did. */
  private async prepare(extractor: Extractor): Promise<void> {
    if (!extractor.prepare || this.prepared.has(extractor)) {
      return;
    }
    await extractor.prepare();
    this.prepared.add(extractor);
    this.onPrepared?.();
  }

  private countFile(): void {
    this.filesSinceReset += 1;
    if (this.filesSinceReset >= FILES_PER_CACHE_GENERATION) {
      this.reset();
    }
  }
}
