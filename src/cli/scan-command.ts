import { EXIT, usageError } from '../errors.js';
import { applyBaseline, buildBaseline, readBaseline, renderBaseline } from '../baseline/baseline.js';
import type { ScanResult } from '../model/scan-result.js';
import { applyRuleSettings } from '../config/apply-settings.js';
import { shouldUseColor } from './color.js';
import { isFailing } from './fail-on.js';
import type { CliIo } from './io.js';
import { writeFileAtomic } from './output.js';
import type { PlannedOutput } from './output-plan.js';
import { createProgress } from './progress.js';
import { fileSelectionScanOptions, resolveScanSettings, type ScanCommandOptions, type ScanSettings } from './scan-settings.js';
import { suppressionLines, textViewOf } from './text-view.js';

export type { ScanCommandOptions } from './scan-settings.js';

/**
 * Runs `pim-migrate scan`: merges the config file with the flags, scans, applies the baseline,
 * writes every report and returns exit code 4 when `--strict` is set and a file was skipped,
 * else 1 when a finding fails the run (see `--fail-on`), else 0. With `--update-baseline` it
 * writes the baseline instead of reports and returns 0.
 * Errors propagate to the caller, which prints them.
 */
export async function runScanCommand(paths: string[], options: ScanCommandOptions, io: CliIo, toolVersion: string): Promise<number> {
  const settings = resolveScanSettings(paths, options);
  if (options.updateBaseline && options.baseline === undefined) {
    throw usageError('--update-baseline needs --baseline FILE', 'Name the baseline file to write: --baseline pim-baseline.json --update-baseline.');
  }
  // Read the baseline before the scan, so an invalid file fails fast.
  const baseline = options.baseline !== undefined && !options.updateBaseline ? readBaseline(options.baseline) : undefined;
  // Loaded on use: the log's schema validator (ajv) costs every other scan about 60 ms of start-up.
  const mergeLog = options.runtimeLog !== undefined ? await import('../runtime/merge-log.js') : undefined;
  const runtimeLog = mergeLog && options.runtimeLog !== undefined ? mergeLog.readRuntimeLog(options.runtimeLog) : undefined;

  const scanned = await runScan(settings, options, io);
  // Runtime findings join before the baseline, so that the baseline and rule settings cover them too.
  const result = mergeLog && runtimeLog ? mergeLog.mergeRuntimeFindings(scanned, runtimeLog, (added) => applyRuleSettings(added, settings.ruleSettings, settings.severityDefaults)) : scanned;

  if (options.updateBaseline && options.baseline !== undefined) {
    const written = buildBaseline(result.findings);
    await writeFileAtomic(options.baseline, renderBaseline(written));
    if (!options.quiet) io.stderr.write(`Wrote ${written.entries.length} findings to the baseline ${options.baseline}.\n`);
    return EXIT.clean;
  }

  const final = baseline && options.baseline !== undefined ? applyBaseline(result, baseline, options.baseline).result : result;
  const failing = new Set(final.findings.filter((finding) => isFailing(finding, settings.failOn)));

  for (const target of settings.outputs) {
    const report = renderOutput(target, final, { failing, quiet: options.quiet === true, io, toolVersion, settings, colorFlag: options.color });
    if (report === null) continue;
    if (target.output !== undefined) {
      await writeFileAtomic(target.output, report);
    } else {
      io.stdout.write(report);
    }
  }
  // A skipped file was not checked at all, so under --strict it outranks any finding.
  if (settings.strict && final.skipped.length > 0) return EXIT.skipped;
  return failing.size > 0 ? EXIT.findings : EXIT.clean;
}

async function runScan(settings: ScanSettings, options: ScanCommandOptions, io: CliIo): Promise<ScanResult> {
  // A quiet run prints nothing but errors, so it has no progress line either.
  const progress = options.quiet ? undefined : createProgress(io.stderr, io.env);
  const written = [...settings.outputs.flatMap((target) => (target.output !== undefined ? [target.output] : [])), ...(options.baseline !== undefined ? [options.baseline] : []), ...(options.runtimeLog !== undefined ? [options.runtimeLog] : [])];
  try {
    return await io.scan(
      {
        // The same file selection as `fix`, so both commands see the same files.
        ...fileSelectionScanOptions(settings, options.rules),
        // Reports and the baseline written into the scanned tree must not be scanned by the next run.
        ignoreFiles: written,
        jobs: options.jobs,
        fileTimeoutMs: options.fileTimeout,
        onProgress: progress?.onProgress,
      },
      { table: settings.table },
    );
  } finally {
    progress?.clear();
  }
}

interface RenderContext {
  failing: ReadonlySet<unknown>;
  quiet: boolean;
  io: CliIo;
  toolVersion: string;
  settings: ScanSettings;
  colorFlag: boolean;
}

/**
 * Renders one report. The text report leaves suppressed findings out and, with `--quiet` on
 * stdout, shows only the failing findings, or nothing when none fail. Other formats get the
 * whole result, suppressed findings marked.
 */
function renderOutput(target: PlannedOutput, result: ScanResult, context: RenderContext): string | null {
  const toFile = target.output !== undefined;
  const color = shouldUseColor({ colorFlag: context.colorFlag, env: context.io.env, isTTY: context.io.stdout.isTTY === true, toFile });
  const reportContext = { toolVersion: context.toolVersion, color, rules: context.settings.table };
  if (target.format !== 'text') {
    return target.reporter.render(result, reportContext);
  }

  const quietStdout = context.quiet && !toFile;
  if (quietStdout && context.failing.size === 0) return null;
  const view = textViewOf(result, (finding) => !quietStdout || context.failing.has(finding));
  const text = target.reporter.render(view, reportContext);
  const extra = quietStdout ? [] : suppressionLines(result);
  return extra.length > 0 ? `${text}${extra.join('\n')}\n` : text;
}
