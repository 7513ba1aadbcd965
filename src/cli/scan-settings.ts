import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkConfigRuleIds, loadConfigFile, resolveFromConfig, type LoadedConfig } from '../config/load.js';
import { findConfigFile } from '../config/find.js';
import { loadRuleTableWithUserFiles } from '../config/rule-table.js';
import type { RuleSetting, SeverityDefaults } from '../config/schema.js';
import { usageError } from '../errors.js';
import type { ScanOptions } from '../model/scan-result.js';
import type { RuleTable } from '../rules/load.js';
import { commonFolder, DEFAULT_MAX_FILE_SIZE } from '../scan.js';
import { parseFailOn, type FailOn } from './fail-on.js';
import { pairOutputs, planOutputs, type OutputTarget, type PlannedOutput } from './output-plan.js';

/**
 * Options that choose the files a scan reads and the rule table. `scan` and `fix` share them, so
 * that `fix` rewrites exactly the files that `scan` reports on.
 */
export interface FileSelectionOptions {
  include?: string[];
  exclude?: string[];
  rules?: string;
  maxFileSize?: number;
  /** `--follow-links`: follow symbolic links inside the scan root. */
  followLinks?: boolean;
  /** `--strict`: a skipped file makes the run exit 4. */
  strict?: boolean;
  config?: string;
}

/** Options of `pim-migrate scan`, as commander parses them; undefined means the flag is absent. */
export interface ScanCommandOptions extends FileSelectionOptions {
  format?: string[];
  output?: string[];
  /** `--jobs`: worker threads; default the number of cores. */
  jobs?: number;
  /** `--file-timeout`: milliseconds one file's extraction may take in a worker. */
  fileTimeout?: number;
  /** False with `--no-color`. */
  color: boolean;
  failOn?: string;
  quiet?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  /** JSON-lines file of the runtime guard, merged into the report. */
  runtimeLog?: string;
}

/** The file selection and rule table after the config file and the command line are merged. */
export interface FileSelectionSettings {
  paths: string[];
  config?: LoadedConfig;
  table: RuleTable;
  include?: string[];
  exclude?: string[];
  maxFileSize: number;
  followLinks: boolean;
  strict: boolean;
  ruleSettings?: Record<string, RuleSetting>;
  severityDefaults?: SeverityDefaults;
  ruleFiles: string[];
}

/** A scan's settings after the config file and the command line are merged. */
export interface ScanSettings extends FileSelectionSettings {
  failOn?: FailOn;
  outputs: PlannedOutput[];
}

/**
 * Merges the config file (from `--config`, or found above the scan root) with the command line,
 * where every flag that is given wins over its key. Validates everything that can fail before the
 * scan starts: formats, output pairs, rule ids and rule files.
 */
export function resolveScanSettings(paths: string[], options: ScanCommandOptions): ScanSettings {
  const selection = resolveFileSelection(paths, options);
  const file = selection.config?.config ?? {};
  const flagsChooseOutputs = options.format !== undefined || options.output !== undefined;
  const targets = flagsChooseOutputs ? pairOutputs(options.format ?? [], options.output ?? []) : configOutputs(selection.config);

  return {
    ...selection,
    failOn: options.failOn !== undefined ? parseFailOn(options.failOn) : file.failOn,
    outputs: planOutputs(targets),
  };
}

/**
 * Merges the file selection keys of the config file (from `--config`, or found above the scan
 * root) with the command line, where every flag that is given wins over its key. Loads the rule
 * table with the config's rule files, and validates the rule folder, rule files and rule ids.
 */
export function resolveFileSelection(paths: string[], options: FileSelectionOptions): FileSelectionSettings {
  const scanPaths = paths.length > 0 ? paths : ['.'];
  const config = options.config !== undefined ? loadConfigFile(options.config) : findDefaultConfig(scanPaths);
  const file = config?.config ?? {};

  if (options.rules !== undefined) checkRulesFolder(options.rules);
  const ruleFiles = (file.ruleFiles ?? []).map((path) => resolveFromConfig(config!, path));
  const table = loadRuleTableWithUserFiles(options.rules !== undefined ? resolve(options.rules) : undefined, ruleFiles);
  if (config) checkConfigRuleIds(config, table.rules.map((rule) => rule.id));

  return {
    paths: scanPaths,
    config,
    table,
    include: options.include ?? file.include,
    exclude: options.exclude ?? file.exclude,
    maxFileSize: options.maxFileSize ?? file.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    followLinks: options.followLinks ?? file.followLinks ?? false,
    strict: options.strict ?? file.strict ?? false,
    ruleSettings: file.rules,
    severityDefaults: file.severity,
    ruleFiles,
  };
}

/** Builds the `scan()` options that choose the files and rules from the merged settings. */
export function fileSelectionScanOptions(settings: FileSelectionSettings, rulesDir: string | undefined): ScanOptions {
  return {
    paths: settings.paths,
    include: settings.include,
    exclude: settings.exclude,
    rulesDir,
    ruleFiles: settings.ruleFiles,
    ruleSettings: settings.ruleSettings,
    severityDefaults: settings.severityDefaults,
    maxFileSize: settings.maxFileSize,
    followLinks: settings.followLinks,
  };
}

/** Finds and loads the config file above the scan root, the common folder of the scan paths as `scan()` picks it. */
function findDefaultConfig(paths: string[]): LoadedConfig | undefined {
  const folders = paths.map((path) => {
    const absolute = resolve(path);
    return existsSync(absolute) && statSync(absolute).isDirectory() ? absolute : dirname(absolute);
  });
  const found = findConfigFile(commonFolder(folders));
  return found === undefined ? undefined : loadConfigFile(found);
}

/** Report targets of the config file; its output paths are relative to its folder. */
function configOutputs(config: LoadedConfig | undefined): OutputTarget[] {
  const file = config?.config;
  if (!config || !file) return [{ format: 'text' }];
  const listed: OutputTarget[] = file.outputs ?? [{ format: file.format ?? 'text', ...(file.output !== undefined ? { output: file.output } : {}) }];
  return listed.map((target) => (target.output === undefined ? { format: target.format } : { format: target.format, output: resolveFromConfig(config, target.output) }));
}

/**
 * Rejects a `--rules` value that is not a folder, before the rule loader turns the missing
 * files into a file-system error.
 */
function checkRulesFolder(path: string): void {
  const isFolder = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  if (!isFolder) {
    throw usageError(
      `rule folder not found: ${path}`,
      'Pass a folder that contains hosts.yaml and the rule files, or leave out --rules to use the built-in rules.',
    );
  }
}
