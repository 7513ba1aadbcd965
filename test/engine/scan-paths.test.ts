import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { discoverFiles } from '../../src/discover/walk.js';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

const FILES: Record<string, string> = {
  'app/old.ps1': 'Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant\n',
  'app/lib/old.py': 'requests.get("https://graph.microsoft.com/beta/privilegedRoles")\n',
  'app-tools/clean.ts': "export const url = '/v1.0/users';\n",
};

describe('scan paths', () => {
  it('counts files in nested paths once', async () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;
    const app = join(project.root, 'app');

    const once = await scan({ paths: [project.root], jobs: 1 });
    const nested = await scan({ paths: [join(app, 'lib'), project.root, join(app, 'old.ps1'), app, app], jobs: 1 });

    expect(nested.summary.filesDiscovered).toBe(3);
    expect(nested.findings).toEqual(once.findings);
  });

  it('keeps sibling folders with a shared prefix', () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;

    const result = discoverFiles({ root: project.root, paths: [join(project.root, 'app'), join(project.root, 'app-tools')], maxFileSize: 1_000_000 });

    expect(result.files.map((file) => file.relativePath).sort()).toEqual(['app-tools/clean.ts', 'app/lib/old.py', 'app/old.ps1']);
  });

  it('keeps no file list when a callback takes the files', () => {
    const project = writeProject(FILES);
    cleanup = project.cleanup;
    const seen: string[] = [];

    const result = discoverFiles({ root: project.root, paths: [project.root], maxFileSize: 1_000_000, onFile: (file) => seen.push(file.relativePath) });

    expect(result.files).toEqual([]);
    expect(seen.sort()).toEqual(['app-tools/clean.ts', 'app/lib/old.py', 'app/old.ps1']);
  });
});
