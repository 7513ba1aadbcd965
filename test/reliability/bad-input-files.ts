import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { ScanResult } from '../../src/model/scan-result.js';
import { getReporter, REPORT_FORMATS } from '../../src/report/index.js';
import { printable } from '../../src/report/terminal-text.js';
import { loadRuleTable } from '../../src/rules/load.js';
import { writeProject } from '../helpers/temp-project.js';

/** An iteration 2 call that every extractor, the generic one included, reports. */
export const OLD_URL = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests';

/**
 * One small valid file per extension of `src/discover/languages.ts` that has its own extractor,
 * plus three that go to the generic extractor (Kotlin, Ruby, text), each with a planted call.
 */
export const PLANTED: Readonly<Record<string, string>> = {
  '.ts': `const response = await fetch('${OLD_URL}', { method: 'POST' });\n`,
  '.js': `fetch('${OLD_URL}', { method: 'POST' });\n`,
  '.ps1': `Invoke-RestMethod -Uri "${OLD_URL}" -Method Post\n`,
  '.py': `requests.post("${OLD_URL}")\n`,
  '.cs': `class A { async Task M() { await http.PostAsync("${OLD_URL}", content); } }\n`,
  '.go': `package main\n\nfunc main() { http.Post("${OLD_URL}", "application/json", nil) }\n`,
  '.java': `class A { void m() { HttpRequest.newBuilder(URI.create("${OLD_URL}")).POST(body).build(); } }\n`,
  '.php': `<?php $response = $client->post('${OLD_URL}');\n`,
  '.rs': `fn main() { let response = client.post("${OLD_URL}").send(); }\n`,
  '.sh': `curl -X POST "${OLD_URL}"\n`,
  '.md': `# Notes\n\nPOST ${OLD_URL}\n`,
  '.json': `{"url": "${OLD_URL}", "method": "POST"}\n`,
  '.yaml': `url: "${OLD_URL}"\n`,
  '.tf': `data "http" "pim" {\n  url = "${OLD_URL}"\n}\n`,
  '.http': `POST ${OLD_URL}\n`,
  '.kt': `val response = client.post("${OLD_URL}")\n`,
  '.rb': `Net::HTTP.post(URI("${OLD_URL}"), body)\n`,
  '.txt': `POST ${OLD_URL}\n`,
};

export const EXTENSIONS: readonly string[] = Object.keys(PLANTED);

/** Files of the result that have at least one finding. */
export function filesWithFindings(result: ScanResult): string[] {
  return [...new Set(result.findings.map((finding) => finding.file))].sort();
}

/** Skip reason of `file`, or undefined when the scan did not skip it. */
export function skipReasonOf(result: ScanResult, file: string): string | undefined {
  return result.skipped.find((entry) => entry.file === file)?.reason;
}

/**
 * Renders `result` in every report format and checks that each skipped file and its reason
 * appear. The text report groups reasons by their kind, so only the reason's first words are checked.
 */
export function expectSkipsInEveryReport(result: ScanResult): void {
  expect(result.skipped.length).toBeGreaterThan(0);
  const rules = loadRuleTable();
  for (const format of REPORT_FORMATS) {
    const report = getReporter(format)!.render(result, { toolVersion: '0.0.0-test', color: false, rules });
    expect(report.length, `${format} report`).toBeGreaterThan(0);
    const readable = unescapeReport(format, report);
    for (const entry of result.skipped) {
      // The text and Markdown reports print control characters in a name (a newline) as spaces.
      const name = format === 'text' || format === 'markdown' ? printable(entry.file) : entry.file;
      expect(readable, `${format} report lists ${entry.file}`).toContain(name);
      const reasonStart = entry.reason.split(/[(:]/)[0]!.trim();
      expect(readable, `${format} report gives the reason of ${entry.file}`).toContain(reasonStart);
    }
  }
}

/** Undo each format's escaping, so file names and reasons can be compared as plain text. */
function unescapeReport(format: string, report: string): string {
  if (format === 'html') {
    return report.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  }
  if (format === 'json' || format === 'sarif') {
    // Every string value, decoded, one per line.
    return [...report.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string).join('\n');
  }
  if (format === 'markdown') {
    return report.replace(/\\(.)/g, '$1');
  }
  if (format === 'github') {
    // Workflow-command escapes: %0D, %0A, %3A, %2C and %25 last.
    return report.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  }
  if (format === 'csv') {
    // RFC 4180 doubles quotes inside quoted fields.
    return report.replace(/""/g, '"');
  }
  return report;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

/** Writes a temporary project with one file per entry, as raw bytes; it is removed after the test. */
export function projectOf(files: Record<string, Buffer | string>): string {
  const project = writeProject({});
  cleanups.push(project.cleanup);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(project.root, name), content);
  }
  return project.root;
}
