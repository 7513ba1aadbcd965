import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { reportSchema } from '../report/report-schema.js';
import { usageError } from '../errors.js';
import type { JsonReport } from '../report/json.js';
import type { ScanResult } from '../model/scan-result.js';
import { summarize } from '../scan.js';

/** A JSON report of one repository and the name its file paths get as prefix. */
export interface NamedReport {
  name: string;
  path: string;
  report: JsonReport;
}

function validateReport(data: unknown): string | null {
  const { ajv, id } = reportSchema();
  const validate = ajv.getSchema(id)!;
  return validate(data) ? null : ajv.errorsText(validate.errors);
}

/**
 * Reads JSON reports and validates each against the report schema. A report is named by
 * `names[i]` when given, else by the folder name of its `root`. An unreadable or invalid report,
 * or two reports with one name, is a usage error naming the file.
 */
export function readReports(paths: readonly string[], names: readonly string[]): NamedReport[] {
  if (names.length > paths.length) {
    throw usageError(`${names.length} --name options for ${paths.length} reports`, 'Give at most one --name per report, in the order of the reports.');
  }
  const reports = paths.map((path, index) => {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw usageError(`cannot read the report ${path}: ${(error as Error).message}`, 'Pass JSON reports written by pim-migrate scan --format json.');
    }
    const problem = validateReport(data);
    if (problem !== null) {
      throw usageError(`invalid report ${path}: ${problem}`, 'Pass JSON reports written by pim-migrate scan --format json, unchanged.');
    }
    const report = data as JsonReport;
    return { name: names[index] ?? basename(report.root), path, report };
  });

  const seen = new Map<string, string>();
  for (const { name, path } of reports) {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw usageError(`the reports ${earlier} and ${path} are both named "${name}"`, 'Name each report with --name, in the order of the reports: --name api --name portal.');
    }
    seen.set(name, path);
  }
  return reports;
}

/**
 * Combines reports into one scan result: every file path gets its report's name as first folder,
 * and file counts are added up. `root` is the folder the merge ran in, because the scanned
 * repositories need not exist on this machine.
 */
export function mergeReports(reports: readonly NamedReport[], root: string): ScanResult {
  const prefix = (name: string, file: string): string => `${name}/${file}`;
  const findings = reports.flatMap(({ name, report }) => report.findings.map((finding) => ({ ...finding, file: prefix(name, finding.file) })));
  const skipped = reports.flatMap(({ name, report }) => report.skipped.map((entry) => ({ ...entry, file: prefix(name, entry.file) })));
  const warnings = reports.flatMap(({ name, report }) => (report.warnings ?? []).map((entry) => ({ ...entry, file: prefix(name, entry.file) })));
  const unusedSuppressions = reports.flatMap(({ name, report }) => (report.unusedSuppressions ?? []).map((entry) => ({ ...entry, file: prefix(name, entry.file) })));
  const total = (key: 'filesDiscovered' | 'filesWithoutSignature' | 'filesParsed' | 'filesSkipped'): number =>
    reports.reduce((sum, { report }) => sum + report.summary[key], 0);

  return {
    root,
    findings,
    skipped,
    warnings,
    unusedSuppressions,
    summary: summarize(total('filesDiscovered'), total('filesWithoutSignature'), total('filesParsed'), total('filesSkipped'), findings),
  };
}
