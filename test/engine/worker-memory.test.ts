import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

/** Every file goes through the worker pool, whose workers get a small heap. */
const SMALL_HEAP = { minFilesForWorkers: 1, minCandidatesForWorkers: 1, workerHeapLimitMb: 64 };

/** About 3 MB of statements that each name a signature: its syntax tree needs far more than 64 MB. */
function hugeScript(): string {
  const lines: string[] = [];
  for (let index = 0; index < 60_000; index++) {
    lines.push(`const url${index} = base + '/privilegedAccess/aadRoles/x' + ${index};`);
  }
  return `${lines.join('\n')}\n`;
}

describe('worker out of memory', () => {
  it('skips the file and keeps other findings', async () => {
    const project = writeProject({
      'a/huge.ts': hugeScript(),
      'b/Old.ps1': 'Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant\n',
      'c/report.py': 'import requests\nrequests.get("https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources")\n',
    });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root], jobs: 2 }, SMALL_HEAP);

    const huge = result.skipped.find((entry) => entry.file === 'a/huge.ts');
    expect(huge?.reason).toMatch(/memory limit/);
    expect(result.findings.some((finding) => finding.file === 'b/Old.ps1')).toBe(true);
    expect(result.findings.some((finding) => finding.file === 'c/report.py')).toBe(true);
    expect(result.findings.some((finding) => finding.file === 'a/huge.ts')).toBe(false);
  }, 120_000);

  it('analyses a 1 MB TypeScript file', async () => {
    const lines = Array.from({ length: 80_000 }, (_, index) => `const a${index} = ${index};`);
    lines.push("await fetch('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests', { method: 'POST' });");
    const project = writeProject({ 'gen.ts': `${lines.join('\n')}\n` });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root], jobs: 2 }, { minFilesForWorkers: 1, minCandidatesForWorkers: 1 });

    expect(result.skipped).toEqual([]);
    expect(result.findings.map((finding) => finding.file)).toEqual(['gen.ts']);
  }, 120_000);
});
