import type { ScanResult } from '../model/scan-result.js';
import type { RuleTable } from '../rules/load.js';

/** Inputs of a reporter besides the scan result. */
export interface ReportContext {
  /** Version of pim-migrate, for report headers and the JSON `tool` object. */
  toolVersion: string;
  /** Whether to add ANSI colour codes (text format only). */
  color: boolean;
  /**
   * Reader for the scanned files that code frames quote, given an absolute path. It returns
   * null when the file cannot be read; the default reads from disk as UTF-8.
   */
  readSource?: (absolutePath: string) => string | null;
  /** The rule table of the scan, for formats that describe rules (SARIF, Markdown, HTML). */
  rules?: RuleTable;
}

/** One report format. `render` returns the whole report, ready to write. */
export interface Reporter {
  format: string;
  render(result: ScanResult, ctx: ReportContext): string;
}
