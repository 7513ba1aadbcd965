import { rm, stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, join } from 'node:path';
import { EXIT, usageError } from '../errors.js';
import { encodeText, replaceFileAtomic, staleTemporaryFiles } from '../fix/apply.js';
import { unifiedDiff } from '../fix/diff.js';
import type { FixOutcome } from '../fix/edits.js';
import { dirtyWorkTrees, trackedFiles } from '../fix/git.js';
import type { FixTierOption } from '../fix/plan.js';
import { computeFixes, type FileFix } from '../fix/run.js';
import { checkOutputCopies, checkOutputDirValue } from './fix-output-dir.js';
import type { CliIo } from './io.js';
import { fileSelectionScanOptions, resolveFileSelection, type FileSelectionOptions } from './scan-settings.js';

export interface FixCommandOptions extends FileSelectionOptions {
  write?: boolean;
  rule?: string[];
  tier?: FixTierOption;
  annotate?: boolean;
  outputDir?: string;
  allowDirty?: boolean;
  quiet?: boolean;
}

/**
 * Runs `pim-migrate fix`: scans the files that `scan` would (same config file and file selection),
 * computes the edits of every fixable finding, prints a unified diff and a summary per rule, and
 * with `--write` or `--output-dir` writes the new files.
 * A dry run returns 1 when a file would change or a finding cannot be fixed, else 0. A run that
 * writes returns 1 when a finding is left or a file could not be written, else 0. Usage errors,
 * including a dirty git work tree, raise (exit 2); `--strict` with a skipped file returns 4.
 */
export async function runFixCommand(paths: string[], options: FixCommandOptions, io: CliIo): Promise<number> {
  const tier = options.tier ?? 'safe';
  if (options.write && options.outputDir !== undefined) {
    throw usageError('--write and --output-dir cannot be used together', 'Use --write to change the files in place, or --output-dir DIR to write migrated copies.');
  }
  if (options.outputDir !== undefined) checkOutputDirValue(options.outputDir);
  const settings = resolveFileSelection(paths, options);
  const table = settings.table;
  const unknown = (options.rule ?? []).filter((id) => !table.rules.some((rule) => rule.id === id));
  if (unknown.length > 0) {
    throw usageError(`unknown rule id: ${unknown.join(', ')}`, 'List the rule ids with `pim-migrate rules`.');
  }
  const result = await io.scan(fileSelectionScanOptions(settings, options.rules), { table });
  const findings = options.rule?.length ? result.findings.filter((finding) => options.rule!.includes(finding.ruleId)) : result.findings;
  const fixes = await computeFixes(result.root, findings, table, { tier, annotate: options.annotate === true });
  const changed = fixes.filter((fix) => fix.after !== fix.before);
  const writing = options.write === true || options.outputDir !== undefined;
  const outputDir = options.outputDir;
  const targetOf = (fix: FileFix) => (outputDir === undefined ? fix.path : join(resolve(outputDir), fix.relativePath));

  if (outputDir !== undefined) {
    checkOutputCopies(outputDir, result.root, fixes.map((fix) => fix.path), changed.map((fix) => ({ source: fix.path, target: targetOf(fix) })));
  }
  // A read-only file is the owner's statement that it must not change; root could still
  // replace it, so the mode is checked rather than relying on a permission error.
  const readOnly = options.write ? await readOnlyFiles(changed) : new Set<FileFix>();
  const toWrite = writing ? changed.filter((fix) => !readOnly.has(fix)) : [];
  if (options.write && !options.allowDirty && toWrite.length > 0) {
    checkWorkTreesClean(toWrite.map((fix) => fix.path), settings.paths);
  }

  for (const fix of changed) {
    io.stdout.write(unifiedDiff(fix.relativePath, fix.before, fix.after));
  }
  const notWritten = [...readOnly].map((fix) => `${fix.relativePath}: read-only file, not written (make it writable to apply the fix)`);
  let written = 0;
  if (toWrite.length > 0) {
    await removeStaleTemporaryFilesBeside(toWrite.map(targetOf), io);
  }
  for (const fix of toWrite) {
    try {
      await replaceFileAtomic(targetOf(fix), encodeText(fix.after, fix.encoding), fix.path);
      written += 1;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // mkdir raises EEXIST or ENOTDIR when a file is in the place of the target's folder or of one above it.
      if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS' && code !== 'ENOTDIR' && code !== 'EEXIST' && code !== 'ENOENT') {
        throw error;
      }
      notWritten.push(`${fix.relativePath}: not written (${code}); the file is unchanged`);
    }
  }

  const outcomes = fixes.flatMap((fix) => fix.outcomes);
  if (!options.quiet) {
    io.stderr.write(renderSummary(outcomes, fixes, result.root, options, written));
  }
  for (const line of notWritten) {
    io.stderr.write(`warning: ${line}\n`);
  }
  // A skipped file was never checked, so its calls may still need fixing.
  for (const entry of result.skipped) {
    io.stderr.write(`warning: ${entry.file}: skipped, ${entry.reason}\n`);
  }
  if (settings.strict && result.skipped.length > 0) return EXIT.skipped;
  const pending = !writing && changed.length > 0;
  return pending || notWritten.length > 0 || outcomes.some((outcome) => outcome.status !== 'fixed') ? EXIT.findings : EXIT.clean;
}

async function readOnlyFiles(fixes: readonly FileFix[]): Promise<Set<FileFix>> {
  const readOnly = new Set<FileFix>();
  for (const fix of fixes) {
    if (((await stat(fix.path)).mode & 0o222) === 0) readOnly.add(fix);
  }
  return readOnly;
}

/**
 * Rejects a `--write` that git could not undo: in each work tree that contains a file to write, a
 * tracked file under the scan paths has uncommitted changes, or a file to write is untracked or
 * ignored. The error names the work tree's root folder.
 */
function checkWorkTreesClean(files: readonly string[], scanPaths: readonly string[]): void {
  const dirty = dirtyWorkTrees(files, scanPaths);
  const first = dirty[0];
  if (first === undefined) return;
  const others = dirty.length > 1 ? ` (and ${dirty.length - 1} other work tree(s))` : '';
  throw usageError(
    `the git work tree at ${first.root} has ${first.changes.length} uncommitted change(s), such as ${first.changes[0]}${others}`,
    'Commit or stash your changes first (commit a new file that the fix writes), so the fix can be reviewed and undone with git, or pass --allow-dirty.',
  );
}

/**
 * Removes the temporary files that a killed fix run left beside the files this run writes, so
 * an interrupted `--write` followed by a complete one leaves no `.NAME.PID.HEX.tmp` behind.
 * A file that git tracks is part of the project and stays, whatever its name.
 */
async function removeStaleTemporaryFilesBeside(targets: readonly string[], io: CliIo): Promise<void> {
  const namesByFolder = new Map<string, Set<string>>();
  for (const target of targets) {
    const names = namesByFolder.get(dirname(target)) ?? new Set<string>();
    names.add(basename(target));
    namesByFolder.set(dirname(target), names);
  }
  const stale: string[] = [];
  for (const [folder, names] of namesByFolder) {
    stale.push(...(await staleTemporaryFiles(folder, names)));
  }
  const tracked = stale.length > 0 ? trackedFiles(stale) : new Set<string>();
  for (const path of stale.filter((candidate) => !tracked.has(candidate))) {
    await rm(path, { force: true });
    io.stderr.write(`note: removed ${relative(process.cwd(), path)}, a temporary file left by an interrupted fix run\n`);
  }
}

/**
 * Summary per rule: fixed, suggested and left counts, then each finding not fixed with its
 * reason. `written` counts the files actually written, without those a write failed on.
 */
export function renderSummary(outcomes: readonly FixOutcome[], fixes: readonly FileFix[], root: string, options: FixCommandOptions, written: number): string {
  const byRule = new Map<string, { fixed: number; suggested: number; left: number }>();
  for (const outcome of outcomes) {
    const counts = byRule.get(outcome.finding.ruleId) ?? { fixed: 0, suggested: 0, left: 0 };
    counts[outcome.status] += 1;
    byRule.set(outcome.finding.ruleId, counts);
  }
  const lines: string[] = [];
  const writing = options.write === true || options.outputDir !== undefined;
  const verb = writing ? 'fixed' : 'fixable';
  for (const [ruleId, counts] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${ruleId}: ${counts.fixed} ${verb}, ${counts.suggested} suggested, ${counts.left} left`);
  }
  // Every call not fixed gets its reason; a fixed suggestion gets what to check in the new call.
  for (const outcome of outcomes.filter((candidate) => candidate.status !== 'fixed' || candidate.review !== undefined)) {
    const { file, line, column, ruleId } = outcome.finding;
    const text = outcome.status === 'fixed' ? `check: ${outcome.review}` : [outcome.reason, outcome.review].filter(Boolean).join('; ');
    // Nothing is written in a dry run, so a fixed call is only fixable there.
    const label = outcome.status === 'fixed' && !writing ? 'fixable' : outcome.status;
    lines.push(`  ${file}:${line}:${column} ${ruleId} [${label}] ${text}`);
  }
  const changing = fixes.filter((fix) => fix.after !== fix.before).length;
  const where = options.outputDir !== undefined ? ` to ${relative(process.cwd(), resolve(options.outputDir)) || '.'}` : '';
  const action = writing ? `Wrote ${written} file(s)${where}.` : `Dry run: ${changing} file(s) would change; add --write to apply.`;
  lines.push(outcomes.length === 0 ? `No findings under ${root}.` : action);
  return lines.join('\n') + '\n';
}
