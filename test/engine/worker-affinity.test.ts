import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadRuleTableWithUserFiles } from '../../src/config/rule-table.js';
import { WorkerPool } from '../../src/engine/worker-pool.js';
import { compileSignatures } from '../../src/rules/signatures.js';
import { writeProject } from '../helpers/temp-project.js';

let pool: WorkerPool | undefined;
let cleanup = (): void => {};
afterEach(async () => {
  await pool?.close();
  pool = undefined;
  cleanup();
});

function startPool(size: number, root: string): WorkerPool {
  const table = loadRuleTableWithUserFiles(undefined, []);
  return new WorkerPool(size, { table, signatures: compileSignatures(table.rules), settings: { root }, maxFileSize: 1024 * 1024 });
}

describe('worker affinity', () => {
  it('runs tasks for a missing worker in the last one', async () => {
    const project = writeProject({ 'Old.ps1': 'Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles\n' });
    cleanup = project.cleanup;
    pool = startPool(1, project.root);

    const reply = await pool.run({ type: 'prefilter', paths: [join(project.root, 'Old.ps1')] }, { inWorker: 1 });

    expect(reply).toMatchObject({ type: 'prefiltered', outcomes: [{ kind: 'candidate' }] });
  });

  it('runs tasks for a stopped worker after a shrink', async () => {
    const project = writeProject({ 'Old.ps1': 'Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles\n' });
    cleanup = project.cleanup;
    pool = startPool(2, project.root);
    pool.shrink(1);

    const reply = await pool.run({ type: 'prefilter', paths: [join(project.root, 'Old.ps1')] }, { inWorker: 1 });

    expect(reply).toMatchObject({ type: 'prefiltered' });
  });
});
