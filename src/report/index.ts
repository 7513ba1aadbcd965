import { csvReporter } from './csv.js';
import { githubReporter } from './github.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { markdownReporter } from './markdown.js';
import type { Reporter } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export type { ReportContext, Reporter } from './reporter.js';

/** Every report format, by the name `--format` takes. */
const REPORTERS: ReadonlyMap<string, Reporter> = new Map(
  [textReporter, jsonReporter, markdownReporter, htmlReporter, sarifReporter, githubReporter, csvReporter].map((reporter) => [reporter.format, reporter]),
);

export const REPORT_FORMATS: readonly string[] = [...REPORTERS.keys()];

/** Returns the reporter for a format name, or undefined for an unknown one. */
export function getReporter(format: string): Reporter | undefined {
  return REPORTERS.get(format);
}
