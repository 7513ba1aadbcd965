import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { usageError } from '../errors.js';
import type { FileWarning, Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { reportSchema } from '../report/report-schema.js';
import { summarize } from '../scan.js';

let validateFinding: ((data: unknown) => boolean) | undefined;

function findingValidator(): (data: unknown) => boolean {
  if (!validateFinding) {
    const { ajv, id } = reportSchema();
    const validate = ajv.getSchema(`${id}#/$defs/finding`);
    if (!validate) throw new Error('schemas/report.schema.json has no $defs/finding');
    validateFinding = (data) => validate(data) as boolean;
  }
  return validateFinding;
}

/** The findings of a runtime log, and a warning per line that is not one. */
export interface RuntimeLog {
  findings: Finding[];
  warnings: FileWarning[];
}

/**
 * Reads a JSON-lines file written by the runtime guard. A line that is not JSON or not a finding
 * becomes a warning with its line number; a missing or unreadable file is a usage error.
 */
export function readRuntimeLog(path: string): RuntimeLog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw usageError(`cannot read the runtime log ${path}: ${(error as Error).message}`, 'Pass the logFile that the runtime guard wrote (one JSON finding per line).');
  }
  const validate = findingValidator();
  const findings: Finding[] = [];
  const warnings: FileWarning[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      warnings.push({ file: path, message: `line ${index + 1}: invalid JSON (${(error as Error).message}); the line is ignored.` });
      return;
    }
    if (!validate(data)) {
      warnings.push({ file: path, message: `line ${index + 1}: not a finding of the JSON report contract; the line is ignored.` });
      return;
    }
    findings.push(data as Finding);
  });
  return { findings, warnings };
}

/**
 * Merges runtime findings into a static scan result. A runtime finding with the rule id of a static
 * finding, in its file and within its lines, marks that finding `seenAtRuntime`; any other is added
 * with `source: 'runtime'`, its file made relative to the scan root when it lies inside it.
 * `keep` applies the config's rule settings to the added findings.
 */
export function mergeRuntimeFindings(result: ScanResult, log: RuntimeLog, keep: (findings: Finding[]) => Finding[] = (findings) => findings): ScanResult {
  const findings = result.findings.map((finding) => ({ ...finding }));
  const added = new Map<string, Finding>();
  for (const runtime of log.findings) {
    const file = relativeToRoot(result.root, runtime.file);
    const seen = findings.find((finding) => finding.source !== 'runtime' && finding.ruleId === runtime.ruleId && finding.file === file && runtime.line >= finding.line && runtime.line <= finding.endLine);
    if (seen) {
      seen.seenAtRuntime = true;
      continue;
    }
    const key = [runtime.ruleId, file, runtime.line, runtime.column, runtime.operation.method, runtime.matchedText].join('\u0000');
    if (!added.has(key)) added.set(key, { ...runtime, file, source: 'runtime' });
  }

  const merged = [...findings, ...keep([...added.values()])];
  const { summary } = result;
  return {
    ...result,
    findings: merged,
    warnings: [...result.warnings, ...log.warnings],
    summary: summarize(summary.filesDiscovered, summary.filesWithoutSignature, summary.filesParsed, summary.filesSkipped, merged),
  };
}

/** Relative to the root with forward slashes when the file is inside it; else unchanged. */
function relativeToRoot(root: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const path = relative(root, resolve(file));
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return file;
  return path.split(sep).join('/');
}
