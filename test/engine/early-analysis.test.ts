import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadRuleTableWithUserFiles } from '../../src/config/rule-table.js';
import { analyseRun } from '../../src/engine/analysis-phase.js';
import { CandidateListPendingError, PendingCandidateList } from '../../src/engine/pending-candidates.js';
import type { FileAnalysis } from '../../src/engine/types.js';
import { WorkerPool } from '../../src/engine/worker-pool.js';
import { compileSignatures } from '../../src/rules/signatures.js';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

let cleanup = (): void => {};
let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
  cleanup();
});

/** Internals that send every file through the worker pool, however small the tree. */
const POOL_ALWAYS = { minFilesForWorkers: 1, minCandidatesForWorkers: 1 };

const FILES: Record<string, string> = {
  'scripts/Old.ps1': 'Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant\n',
  'tools/report.py': 'import requests\nrequests.get("https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources")\n',
  // An exported constant that no call in the fence reads: the TypeScript extractor reads the
  // candidate list to find out whether another file's call reads it.
  'docs/guide.md': "# Guide\n\n```ts\nexport const ROLES = '/privilegedAccess/aadRoles/roleAssignments';\n```\n",
  'src/urls.ts': "export const ROLES = '/privilegedAccess/aadRoles/roleAssignments';\n",
  // The comment makes the file a candidate, so it can report the constant that it imports.
  'src/client.ts': "// Lists privilegedAccess role assignments.\nimport { ROLES } from './urls';\nexport const list = () => client.api(ROLES).version('beta').get();\n",
};

describe('pending candidate list', () => {
  it('rejects and records every read', () => {
    const pending = new PendingCandidateList();

    expect(() => pending.list.length).toThrow(CandidateListPendingError);
    expect(pending.read).toBe(true);
    pending.read = false;
    expect(() => pending.list.indexOf('/a.ts')).toThrow(CandidateListPendingError);
    expect(pending.read).toBe(true);
    pending.read = false;
    expect(() => [...pending.list]).toThrow(CandidateListPendingError);
    expect(pending.read).toBe(true);
  });
});

describe('analysis before the candidate list', () => {
  it('returns files that need the list', async () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;
    const table = loadRuleTableWithUserFiles(undefined, []);
    pool = new WorkerPool(2, { table, signatures: compileSignatures(table.rules), settings: { root: project.root }, maxFileSize: 1024 * 1024 });
    const languages: Record<string, string> = { '.ps1': 'powershell', '.md': 'markdown', '.py': 'python', '.ts': 'typescript' };
    // A TypeScript file whose call reads an imported constant needs no other candidate.
    const files = ['scripts/Old.ps1', 'docs/guide.md', 'tools/report.py', 'src/client.ts'].map((relativePath, index) => ({
      index,
      file: { path: join(project.root, relativePath), relativePath, language: languages[relativePath.slice(relativePath.lastIndexOf('.'))]! },
    }));
    const analysed = new Map<number, FileAnalysis>();
    const needsCandidates: number[] = [];

    await analyseRun(pool, files, { timeoutMs: 60_000, beforeCandidates: true, onNeedsCandidates: (index) => needsCandidates.push(index) }, (index, analysis) => analysed.set(index, analysis));

    expect(needsCandidates).toEqual([1]);
    expect([...analysed.keys()]).toEqual([0, 2, 3]);
    for (const index of [0, 2, 3]) {
      expect(analysed.get(index)!.findings.length).toBeGreaterThan(0);
    }
  });

  it('keeps the result of one thread', async () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;

    const single = await scan({ paths: [project.root], jobs: 1 });
    const pooled = await scan({ paths: [project.root], jobs: 2 }, POOL_ALWAYS);
    const oneAnalyser = await scan({ paths: [project.root], jobs: 2 }, { minFilesForWorkers: 1 });

    expect(single.findings.map((finding) => finding.file)).toEqual(expect.arrayContaining(['docs/guide.md', 'scripts/Old.ps1', 'src/client.ts', 'tools/report.py']));
    for (const result of [pooled, oneAnalyser]) {
      expect(result.findings).toEqual(single.findings);
      expect(result.skipped).toEqual(single.skipped);
      expect(result.warnings).toEqual(single.warnings);
      expect(result.summary).toEqual(single.summary);
    }
  });

  it('applies the time limit', async () => {
    const body = Array.from({ length: 3000 }, (_, index) => `$value${index} = Get-Thing -Index ${index}`).join('\n');
    const project = writeProject({ 'slow.ps1': `${body}\nGet-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles\n`, 'other.txt': 'no signature here\n' });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root], jobs: 2, fileTimeoutMs: 1 }, { minFilesForWorkers: 1 });

    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([{ file: 'slow.ps1', reason: 'extraction timed out after 1 ms' }]);
    // A file that timed out counts as skipped, not parsed.
    expect(result.summary.filesParsed).toBe(0);
  });
});

describe('deep nesting in every thread', () => {
  it('matches the main thread in workers', async () => {
    // Deep enough to overflow the compiler's recursion in the main thread's smaller stack, and
    // not in a worker's, if each thread parsed as deep as its stack allows.
    const depth = 2_000;
    const project = writeProject({
      'deep.ts': `fetch('https://graph.microsoft.com/beta/privilegedRoles');\nexport const data = ${'['.repeat(depth)}${']'.repeat(depth)};\n`,
      'deep.js': `fetch('https://graph.microsoft.com/beta/privilegedRoles');\nconst data = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`,
    });
    cleanup = project.cleanup;

    const single = await scan({ paths: [project.root], jobs: 1 });
    const pooled = await scan({ paths: [project.root], jobs: 2 }, POOL_ALWAYS);

    expect(single.warnings.map((warning) => warning.file).sort()).toEqual(['deep.js', 'deep.ts']);
    expect(pooled.findings).toEqual(single.findings);
    expect(pooled.warnings).toEqual(single.warnings);
  });
});
