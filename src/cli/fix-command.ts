import { stat } from 'node:fs/promises';
import { dirname, relative, resolve, join } from 'node:path';
import { loadRuleTableWithUserFiles } from '../config/rule-table.js';
import { EXIT, usageError } from '../errors.js';
import { encodeText, removeStaleTemporaryFiles, replaceFileAtomic } from '../fix/apply.js';
import { unifiedDiff } from '../fix/diff.js';
import type { FixOutcome } from '../fix/edits.js';
import { uncommittedChanges } from '../fix/git.js';
import type { FixTierOption } from '../fix/plan.js';
import { computeFixes, type FileFix } from '../fix/run.js';
import type { CliIo } from './io.js';

export interface FixCommandOptions {
  write?: boolean;
  rule?: string[];
  tier?: FixTierOption;
  annotate?: boolean;
  outputDir?: string;
  allowDirty?: boolean;
  rules?: string;
  quiet?: boolean;
  /** `--strict`: a file the scan skipped makes the run exit 4. */
  strict?: boolean;
}

/**
 * Runs `pim-migrate fix`: scans, computes the edits of every fixable finding, prints a unified
 * diff and a summary per rule, and with `--write` or `--output-dir` writes the new files.
 * Returns 0 when no finding is left, 1 when some are, and raises usage errors (exit 2).
 */
export async function runFixCommand(paths: string[], options: FixCommandOptions, io: CliIo): Promise<number> {
  const tier = options.tier ?? 'safe';
  if (options.write && options.outputDir !== undefined) {
    throw usageError('--write and --output-dir cannot be used together', 'Use --write to change the files in place, or --output-dir DIR to write migrated copies.');
  }
  const table = loadRuleTableWithUserFiles(options.rules ? resolve(options.rules) : undefined, []);
  const unknown = (options.rule ?? []).filter((id) => !table.rules.some((rule) => rule.id === id));
  if (unknown.length > 0) {
    throw usageError(`unknown rule id: ${unknown.join(', ')}`, 'List the rule ids with `pim-migrate rules`.');
  }
  const result = await io.scan({ paths }, { table });
  const findings = options.rule?.length ? result.findings.filter((finding) => options.rule!.includes(finding.ruleId)) : result.findings;
  const fixes = await computeFixes(result.root, findings, table, { tier, annotate: options.annotate === true });
  const changed = fixes.filter((fix) => fix.after !== fix.before);

  if (options.write && changed.length > 0) {
    const dirty = uncommittedChanges(result.root);
    if (dirty && dirty.length > 0 && !options.allowDirty) {
      throw usageError(
        `the git work tree at ${result.root} has ${dirty.length} uncommitted change(s), such as ${dirty[0]!.trim()}`,
        'Commit or stash your changes first, so the fix can be reviewed and undone with git, or pass --allow-dirty.',
      );
    }
  }

  for (const fix of changed) {
    io.stdout.write(unifiedDiff(fix.relativePath, fix.before, fix.after));
  }
  const notWritten: string[] = [];
  if (options.write || options.outputDir !== undefined) {
    const targetOf = (fix: FileFix) => (options.outputDir === undefined ? fix.path : join(resolve(options.outputDir), fix.relativePath));
    await removeStaleTemporaryFilesBeside(fixes.map(targetOf), io);
    for (const fix of changed) {
      const inPlace = options.outputDir === undefined;
      const target = targetOf(fix);
      // A read-only file is the owner's statement that it must not change; root could still
      // replace it, so the mode is checked rather than relying on a permission error.
      if (inPlace && ((await stat(fix.path)).mode & 0o222) === 0) {
        notWritten.push(`${fix.relativePath}: read-only file, not written (make it writable to apply the fix)`);
        continue;
      }
      try {
        await replaceFileAtomic(target, encodeText(fix.after, fix.encoding), fix.path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS' && code !== 'ENOTDIR' && code !== 'ENOENT') {
          throw error;
        }
        notWritten.push(`${fix.relativePath}: not written (${code}); the file is unchanged`);
      }
    }
  }

  const outcomes = fixes.flatMap((fix) => fix.outcomes);
  if (!options.quiet) {
    io.stderr.write(renderSummary(outcomes, fixes, result.root, options));
  }
  for (const line of notWritten) {
    io.stderr.write(`warning: ${line}\n`);
  }
  // A skipped file was never checked, so its calls may still need fixing.
  for (const entry of result.skipped) {
    io.stderr.write(`warning: ${entry.file}: skipped, ${entry.reason}\n`);
  }
  if (options.strict && result.skipped.length > 0) return EXIT.skipped;
  return notWritten.length > 0 || outcomes.some((outcome) => outcome.status !== 'fixed') ? EXIT.findings : EXIT.clean;
}

/**
 * Removes the temporary files that a killed fix run left beside the files this run writes, so
 * an interrupted `--write` followed by a complete one leaves no `.NAME.PID.HEX.tmp` behind.
 */
async function removeStaleTemporaryFilesBeside(targets: readonly string[], io: CliIo): Promise<void> {
  for (const folder of new Set(targets.map((target) => dirname(target)))) {
    for (const path of await removeStaleTemporaryFiles(folder)) {
      io.stderr.write(`note: removed ${relative(process.cwd(), path)}, a temporary file left by an interrupted fix run\n`);
    }
  }
}

/** Summary per rule: fixed, suggested and left counts, then each finding not fixed with its reason. */
export function renderSummary(outcomes: readonly FixOutcome[], fixes: readonly FileFix[], root: string, options: FixCommandOptions): string {
  const byRule = new Map<string, { fixed: number; suggested: number; left: number }>();
  for (const outcome of outcomes) {
    const counts = byRule.get(outcome.finding.ruleId) ?? { fixed: 0, suggested: 0, left: 0 };
    counts[outcome.status] += 1;
    byRule.set(outcome.finding.ruleId, counts);
  }
  const lines: string[] = [];
  const verb = options.write || options.outputDir !== undefined ? 'fixed' : 'fixable';
  for (const [ruleId, counts] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${ruleId}: ${counts.fixed} ${verb}, ${counts.suggested} suggested, ${counts.left} left`);
  }
  // Every call not fixed gets its reason; a fixed suggestion gets what to check in the new call.
  for (const outcome of outcomes.filter((candidate) => candidate.status !== 'fixed' || candidate.review !== undefined)) {
    const { file, line, column, ruleId } = outcome.finding;
    const text = outcome.status === 'fixed' ? `check: ${outcome.review}` : [outcome.reason, outcome.review].filter(Boolean).join('; ');
    lines.push(`  ${file}:${line}:${column} ${ruleId} [${outcome.status}] ${text}`);
  }
  const written = fixes.filter((fix) => fix.after !== fix.before).length;
  const where = options.outputDir !== undefined ? ` to ${relative(process.cwd(), resolve(options.outputDir)) || '.'}` : '';
  const action = options.write || options.outputDir !== undefined ? `Wrote ${written} file(s)${where}.` : `Dry run: ${written} file(s) would change; add --write to apply.`;
  lines.push(outcomes.length === 0 ? `No findings under ${root}.` : action);
  return lines.join('\n') + '\n';
}
