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
