import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

/** Internals that send every file through the worker pool, however small the tree. */
const POOL_ALWAYS = { minFilesForWorkers: 1, minCandidatesForWorkers: 1 };

const FILES: Record<string, string> = {
  'src/urls.ts': "export const ROLES = '/privilegedAccess/aadRoles/roleAssignments';\n",
  'src/client.ts': "// Lists privilegedAccess role assignments.\nimport { ROLES } from './urls';\nexport const list = () => client.api(ROLES).version('beta').get();\n",
  'scripts/Old.ps1': 'Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant\n',
  'tools/report.py': 'import requests\nrequests.get("https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources")\n',
  'docs/guide.md': '# Guide\n\n```http\nGET https://graph.microsoft.com/beta/privilegedRoles\n```\n',
  'notes/legacy.txt': Buffer.from('# Gr\xfc\xdfe\nGET https://graph.microsoft.com/beta/privilegedRoles\n', 'latin1').toString('latin1'),
  'bin/blob.dat': 'privilegedAccess\u0000\u0001',
  'clean/users.ts': "export const url = 'https://graph.microsoft.com/v1.0/users';\n",
};

describe('scan in worker threads', () => {
  it('returns the same result as one thread', async () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;

    const single = await scan({ paths: [project.root], jobs: 1 });
    const pooled = await scan({ paths: [project.root], jobs: 2 }, POOL_ALWAYS);

    expect(single.findings.length).toBeGreaterThanOrEqual(5);
    expect(pooled.findings).toEqual(single.findings);
    expect(pooled.skipped).toEqual(single.skipped);
    expect(pooled.warnings).toEqual(single.warnings);
    expect(pooled.unusedSuppressions).toEqual(single.unusedSuppressions);
    expect(pooled.summary).toEqual(single.summary);
  });

  it('resolves a constant imported from another file', async () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;

    const pooled = await scan({ paths: [project.root], jobs: 2 }, POOL_ALWAYS);

    const client = pooled.findings.filter((finding) => finding.file === 'src/client.ts');
    expect(client.map((finding) => finding.ruleId)).toEqual(['pim2-role-assignments-list']);
  });

  it('reports progress for every file to read', async () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;
    const calls: [number, number][] = [];

    const result = await scan({ paths: [project.root], jobs: 2, onProgress: (done, total) => calls.push([done, total]) }, POOL_ALWAYS);

    const total = result.summary.filesDiscovered - result.skipped.filter((entry) => entry.reason.startsWith('larger')).length;
    expect(calls).toHaveLength(total);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.map(([done]) => done)).toEqual(calls.map((_, index) => index + 1));
  });

  it('skips a file whose extraction runs over the time limit', async () => {
    // A file of a few thousand statements takes far longer than 1 ms to parse in a fresh worker.
    const body = Array.from({ length: 3000 }, (_, index) => `export const value${index} = compute(${index}, 'x');`).join('\n');
    const project = writeProject({ 'slow.ts': `${body}\nclient.api('/privilegedRoles').version('beta').get();\n` });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root], jobs: 2, fileTimeoutMs: 1 }, POOL_ALWAYS);

    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([{ file: 'slow.ts', reason: 'extraction timed out after 1 ms' }]);
    // A file that timed out counts as skipped, not parsed.
    expect(result.summary.filesParsed).toBe(0);
  });

  it('reports the total from the first file', async () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;
    const totals: number[] = [];

    const result = await scan({ paths: [project.root], jobs: 2, onProgress: (_done, total) => totals.push(total) }, { minFilesForWorkers: 1 });

    const total = result.summary.filesDiscovered - result.skipped.filter((entry) => entry.reason.startsWith('larger')).length;
    expect(totals.length).toBeGreaterThan(0);
    expect(new Set(totals)).toEqual(new Set([total]));
  });

  it('analyses few candidates in one worker', async () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;

    const single = await scan({ paths: [project.root], jobs: 1 });
    // Workers read the files; the default candidate threshold keeps the analysis to one worker.
    const pooled = await scan({ paths: [project.root], jobs: 2 }, { minFilesForWorkers: 1 });

    expect(pooled.findings).toEqual(single.findings);
    expect(pooled.skipped).toEqual(single.skipped);
    expect(pooled.summary).toEqual(single.summary);
  });

  it('applies the time limit to few candidates in workers', async () => {
    const body = Array.from({ length: 3000 }, (_, index) => `export const value${index} = compute(${index}, 'x');`).join('\n');
    const project = writeProject({ 'slow.ts': `${body}\nclient.api('/privilegedRoles').version('beta').get();\n`, 'other.txt': 'no signature here\n' });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root], jobs: 2, fileTimeoutMs: 1 }, { minFilesForWorkers: 1 });

    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([{ file: 'slow.ts', reason: 'extraction timed out after 1 ms' }]);
  });

  it('rejects an invalid number of jobs', async () => {
    const project = writeProject({ 'a.ps1': 'Get-Date\n' });
    cleanup = project.cleanup;

    await expect(scan({ paths: [project.root], jobs: 0 })).rejects.toThrow(/invalid number of jobs: 0/);
    await expect(scan({ paths: [project.root], jobs: 1.5 })).rejects.toThrow(/invalid number of jobs/);
    await expect(scan({ paths: [project.root], fileTimeoutMs: -1 })).rejects.toThrow(/invalid file time limit/);
  });
});
