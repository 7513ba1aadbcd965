import { usageError } from '../errors.js';
import { getReporter, REPORT_FORMATS, type Reporter } from '../report/index.js';

/** One report of a run: a format and the file it goes to, or stdout when `output` is undefined. */
export interface OutputTarget {
  format: string;
  output?: string;
}

export interface PlannedOutput extends OutputTarget {
  reporter: Reporter;
}

/**
 * Pairs the Nth `--format` with the Nth `--output`. A format without an output goes to stdout,
 * at most one format may, and an output needs a format of its own, except that one `--output`
 * without any `--format` writes the text report.
 */
export function pairOutputs(formats: readonly string[], outputs: readonly string[]): OutputTarget[] {
  const effectiveFormats = formats.length > 0 ? formats : ['text'];
  if (outputs.length > effectiveFormats.length) {
    throw usageError(
      `${outputs.length} --output options but only ${formats.length} --format options`,
      'Give one --format for each --output, in the same order: --format sarif --output a.sarif --format html --output report.html.',
    );
  }
  return effectiveFormats.map((format, index) => (outputs[index] === undefined ? { format } : { format, output: outputs[index] }));
}

/** Looks up each target's reporter and checks that at most one report goes to stdout. */
export function planOutputs(targets: readonly OutputTarget[]): PlannedOutput[] {
  const toStdout = targets.filter((target) => target.output === undefined);
  if (toStdout.length > 1) {
    throw usageError(
      `${toStdout.length} formats (${toStdout.map((target) => target.format).join(', ')}) would all print to stdout`,
      'Give every --format but one its own --output file.',
    );
  }
  return targets.map((target) => {
    const reporter = getReporter(target.format);
    if (!reporter) {
      throw usageError(`unknown report format "${target.format}"`, `Use --format with one of: ${REPORT_FORMATS.join(', ')}.`);
    }
    return { ...target, reporter };
  });
}
