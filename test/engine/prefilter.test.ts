import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { Prefilter } from '../../src/prefilter/prefilter.js';
import { genericExtractor } from '../../src/extract/generic/index.js';
import type { Extractor } from '../../src/extract/extractor.js';
import { writeProject } from '../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

describe('Prefilter', () => {
  it('matches signatures in any ASCII case', () => {
    const prefilter = new Prefilter(['privilegedaccess']);
    expect(prefilter.matches(Buffer.from('x = "/PRIVILEGEDACCESS/aadRoles"'))).toBe(true);
    expect(prefilter.matches(Buffer.from('x = "/roleManagement/directory"'))).toBe(false);
  });

  it('matches nothing without signatures', () => {
    expect(new Prefilter([]).matches(Buffer.from('privilegedAccess'))).toBe(false);
  });
});

describe('scan prefilter', () => {
  it('never hands a file without a signature to an extractor', async () => {
    const project = writeProject({
      'app/users.ts': "export const url = 'https://graph.microsoft.com/v1.0/users';\n",
      'scripts/Get-Users.ps1': "Invoke-RestMethod -Uri 'https://graph.microsoft.com/v1.0/users'\n",
      'tool/report.py': "print('roleManagement/directory/roleAssignmentScheduleInstances')\n",
      'pim/old.ps1': "Invoke-RestMethod -Uri 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests'\n",
    });
    cleanup = project.cleanup;
    const seen: string[] = [];
    const spy: Extractor = {
      id: 'spy',
      languages: ['typescript', 'powershell', 'python', 'text'],
      extract(input) {
        seen.push(input.relativePath);
        return genericExtractor.extract(input);
      },
    };

    const result = await scan({ paths: [project.root] }, { extractors: [spy] });

    expect(seen).toEqual(['pim/old.ps1']);
    expect(result.summary.filesDiscovered).toBe(4);
    expect(result.summary.filesParsed).toBe(1);
    expect(result.findings.map((finding) => finding.ruleId)).toHaveLength(1);
  });
});

describe('scan roots', () => {
  it('uses the common folder of several paths as the root', async () => {
    const project = writeProject({
      'a/one.ps1': "Invoke-RestMethod -Uri 'https://graph.microsoft.com/beta/privilegedRoles'\n",
      'b/two.ps1': "Invoke-RestMethod -Uri 'https://graph.microsoft.com/beta/privilegedRoles'\n",
    });
    cleanup = project.cleanup;
    const result = await scan({ paths: [`${project.root}/a`, `${project.root}/b/two.ps1`] });
    expect(result.root).toBe(project.root);
    expect(result.findings.map((finding) => finding.file)).toEqual(['a/one.ps1', 'b/two.ps1']);
  });

  it('rejects a root that does not contain a path', async () => {
    const project = writeProject({ 'a/one.ps1': 'x', 'b/two.ps1': 'x' });
    cleanup = project.cleanup;
    await expect(scan({ paths: [`${project.root}/b`], root: `${project.root}/a` })).rejects.toThrow(/outside the root/);
  });

  it('names a single file scanned as the root by its file name', async () => {
    const project = writeProject({ 'one.ps1': "Invoke-RestMethod -Uri 'https://graph.microsoft.com/beta/privilegedRoles'\n" });
    cleanup = project.cleanup;
    const result = await scan({ paths: [`${project.root}/one.ps1`] });
    expect(result.findings.map((finding) => finding.file)).toEqual(['one.ps1']);
  });
});
