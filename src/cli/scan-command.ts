import { statSync } from 'node:fs';
import { EXIT, usageError } from '../errors.js';
import { getReporter, REPORT_FORMATS } from '../report/index.js';
import { shouldUseColor } from './color.js';
import type { CliIo } from './io.js';
import { writeFileAtomic } from './output.js';
import { createProgress } from './progress.js';

/** Options of `pim-migrate scan`, as commander parses them. */
export interface ScanCommandOptions {
  format: string;
  output?: string;
  /** Undefined when the option is not given. */
  include?: string[];
  exclude?: string[];
  rules?: string;
  maxFileSize: number;
  /** False with `--no-color`. */
  color: boolean;
}

/**
 * Runs `pim-migrate scan`: scans, renders the report in the chosen format and writes it to
 * stdout or `--output`. Returns exit code 1 when there are findings and 0 when there are none.
 * Errors propagate to the caller, which prints them.
 */
export async function runScanCommand(paths: string[], options: ScanCommandOptions, io: CliIo, toolVersion: string): Promise<number> {
  const reporter = getReporter(options.format);
  if (!reporter) {
    throw usageError(`unknown report format "${options.format}"`, `Use --format with one of: ${REPORT_FORMATS.join(', ')}.`);
  }

  if (options.rules !== undefined) checkRulesFolder(options.rules);

  const progress = createProgress(io.stderr, io.env);
  let result;
  try {
    result = await io.scan({
      paths: paths.length > 0 ? paths : ['.'],
      include: options.include,
      exclude: options.exclude,
      // A report written into the scanned tree must not be scanned by the next run.
      ignoreFiles: options.output !== undefined ? [options.output] : [],
      rulesDir: options.rules,
      maxFileSize: options.maxFileSize,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.clear();
  }

  const toFile = options.output !== undefined;
  const color = shouldUseColor({ colorFlag: options.color, env: io.env, isTTY: io.stdout.isTTY === true, toFile });
  const report = reporter.render(result, { toolVersion, color });

  if (options.output !== undefined) {
    await writeFileAtomic(options.output, report);
  } else {
    io.stdout.write(report);
  }
  return result.findings.length > 0 ? EXIT.findings : EXIT.clean;
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
