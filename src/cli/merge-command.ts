import { resolve } from 'node:path';
import { EXIT, usageError } from '../errors.js';
import { getReporter, REPORT_FORMATS } from '../report/index.js';
import { loadRuleTable } from '../rules/load.js';
import { shouldUseColor } from './color.js';
import type { CliIo } from './io.js';
import { mergeReports, readReports } from './merge-reports.js';
import { writeFileAtomic } from './output.js';

export interface MergeCommandOptions {
  format: string;
  output?: string;
  name?: string[];
  color: boolean;
}

/**
 * Runs `pim-migrate merge`: combines the JSON reports of several repositories and renders them
 * with one reporter. Returns 0; merging never fails on findings, because each scan already did.
 */
export async function runMergeCommand(paths: string[], options: MergeCommandOptions, io: CliIo, toolVersion: string): Promise<number> {
  const reporter = getReporter(options.format);
  if (!reporter) {
    throw usageError(`unknown report format "${options.format}"`, `Use --format with one of: ${REPORT_FORMATS.join(', ')}.`);
  }
  const merged = mergeReports(readReports(paths, options.name ?? []), resolve('.'));
  const toFile = options.output !== undefined;
  const color = shouldUseColor({ colorFlag: options.color, env: io.env, isTTY: io.stdout.isTTY === true, toFile });
  // The scanned files are in other checkouts, so reports show no code frames.
  const report = reporter.render(merged, { toolVersion, color, rules: loadRuleTable(), readSource: () => null });
  if (options.output !== undefined) {
    await writeFileAtomic(options.output, report);
  } else {
    io.stdout.write(report);
  }
  return EXIT.clean;
}
