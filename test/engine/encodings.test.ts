import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

const SCRIPT = "Invoke-RestMethod -Uri 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments'\n";

function utf16(text: string, bigEndian: boolean): Buffer {
  const little = Buffer.from(text, 'utf16le');
  const body = bigEndian ? Buffer.from(little).swap16() : little;
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
}

describe('scan encodings', () => {
  it('finds old calls in UTF-16 files with a byte-order mark', async () => {
    const project = writeProject({});
    cleanup = project.cleanup;
    writeFileSync(join(project.root, 'le.ps1'), utf16(SCRIPT, false));
    writeFileSync(join(project.root, 'be.ps1'), utf16(SCRIPT, true));

    const result = await scan({ paths: [project.root] });

    expect(result.findings.map((finding) => [finding.file, finding.line, finding.ruleId])).toEqual([
      ['be.ps1', 1, 'pim2-role-assignments-list'],
      ['le.ps1', 1, 'pim2-role-assignments-list'],
    ]);
  });

  it('scans invalid UTF-8 as Latin-1 with a warning', async () => {
    const project = writeProject({});
    cleanup = project.cleanup;
    writeFileSync(join(project.root, 'legacy.ps1'), Buffer.concat([Buffer.from('# Gr\xfc\xdfe\n', 'latin1'), Buffer.from(SCRIPT)]));

    const result = await scan({ paths: [project.root] });

    expect(result.findings.map((finding) => [finding.file, finding.line])).toEqual([['legacy.ps1', 2]]);
    expect(result.warnings).toEqual([{ file: 'legacy.ps1', message: 'not valid UTF-8; read as Latin-1' }]);
    expect(result.skipped).toEqual([]);
  });

  it('skips its own JSON reports', async () => {
    const project = writeProject({
      'script.ps1': SCRIPT,
      'pim-report.json': '{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "pim-migrate",\n    "version": "0.1.0"\n  },\n  "findings": [{ "matchedText": "/privilegedAccess/aadRoles/roleAssignments" }]\n}\n',
    });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root] });

    expect(result.findings.map((finding) => finding.file)).toEqual(['script.ps1']);
    expect(result.skipped).toEqual([{ file: 'pim-report.json', reason: 'a pim-migrate JSON report (its findings would be counted twice)' }]);
  });

  it('skips its own reports in every marked format', async () => {
    const project = writeProject({ 'script.ps1': SCRIPT });
    cleanup = project.cleanup;
    const first = await scan({ paths: [project.root] });
    const { getReporter } = await import('../../src/report/index.js');
    for (const format of ['json', 'sarif', 'markdown', 'html', 'csv', 'github']) {
      writeFileSync(join(project.root, `report.${format}`), getReporter(format)!.render(first, { toolVersion: '0.0.0-test', color: false }));
    }

    const second = await scan({ paths: [project.root] });

    expect(second.findings.map((finding) => finding.file)).toEqual(['script.ps1']);
    expect(second.skipped.map((entry) => entry.file)).toEqual(['report.csv', 'report.github', 'report.html', 'report.json', 'report.markdown', 'report.sarif']);
  });

  it('leaves out the files named in ignoreFiles', async () => {
    const project = writeProject({ 'script.ps1': SCRIPT, 'report.txt': 'GET https://graph.microsoft.com/beta/privilegedRoles\n' });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root], ignoreFiles: [join(project.root, 'report.txt')] });

    expect(result.findings.map((finding) => finding.file)).toEqual(['script.ps1']);
    expect(result.summary.filesDiscovered).toBe(1);
  });

  it('counts files without a signature', async () => {
    const project = writeProject({ 'script.ps1': SCRIPT, 'other.ps1': 'Get-Date\n', 'big.ps1': 'x'.repeat(500) });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root], maxFileSize: 300 });

    expect(result.summary.filesDiscovered).toBe(3);
    expect(result.summary.filesWithoutSignature).toBe(1);
    expect(result.summary.filesParsed).toBe(1);
    expect(result.summary.filesSkipped).toBe(1);
  });
});
