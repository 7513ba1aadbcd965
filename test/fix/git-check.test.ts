import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';
import { commitRepository, NEW_CALL, OLD_CALL, tempFolder, writeFiles } from './temp-project.js';

const WRITE = ['--write', '--tier', 'suggestion'];

describe('fix --write git work tree check', () => {
  it('writes in a clean repository', async () => {
    const repo = tempFolder('pim-fix-git-clean-');
    commitRepository(repo, { 'src/a.ts': OLD_CALL });

    const run = await runInProcess(['fix', repo, ...WRITE]);

    expect(run.stderr).not.toContain('uncommitted');
    expect(readFileSync(join(repo, 'src/a.ts'), 'utf8')).toBe(NEW_CALL);
    expect(run.code).toBe(0);
  });

  it('checks each repository under a parent that is not one', async () => {
    const parent = tempFolder('pim-fix-git-two-');
    commitRepository(join(parent, 'r1'), { 'a.ts': OLD_CALL });
    commitRepository(join(parent, 'r2'), { 'b.ts': OLD_CALL });
    writeFiles(join(parent, 'r2'), { 'b.ts': `// local edit\n${OLD_CALL}` });

    const run = await runInProcess(['fix', join(parent, 'r1'), join(parent, 'r2'), ...WRITE]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the git work tree at ${realpathSync(join(parent, 'r2'))} has 1 uncommitted change(s)`);
    expect(run.stderr).toContain('b.ts (changed, not committed)');
    expect(readFileSync(join(parent, 'r1/a.ts'), 'utf8')).toBe(OLD_CALL);
    expect(readFileSync(join(parent, 'r2/b.ts'), 'utf8')).toBe(`// local edit\n${OLD_CALL}`);
  });

  it('counts an untracked file to write as dirty', async () => {
    const repo = tempFolder('pim-fix-git-untracked-');
    commitRepository(repo, { 'README.md': 'project\n' });
    writeFiles(repo, { 'new.ts': OLD_CALL });

    const run = await runInProcess(['fix', repo, ...WRITE]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('new.ts (untracked, so git has no copy of it)');
    expect(readFileSync(join(repo, 'new.ts'), 'utf8')).toBe(OLD_CALL);
  });

  it('counts an ignored file to write as dirty', async () => {
    const repo = tempFolder('pim-fix-git-ignored-');
    commitRepository(repo, { 'README.md': 'project\n' });
    // .git/info/exclude is read by git but not by the scan, which reads only .gitignore files.
    writeFiles(repo, { '.git/info/exclude': 'local.ts\n', 'local.ts': OLD_CALL });

    const run = await runInProcess(['fix', repo, ...WRITE]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('local.ts (ignored by git, so git has no copy of it)');
    expect(readFileSync(join(repo, 'local.ts'), 'utf8')).toBe(OLD_CALL);
  });

  it('names the repository root for a subfolder', async () => {
    const repo = tempFolder('pim-fix-git-subfolder-');
    commitRepository(repo, { 'src/a.ts': OLD_CALL, 'src/b.ts': 'export {};\n' });
    writeFiles(repo, { 'src/b.ts': 'export const changed = 1;\n' });

    const run = await runInProcess(['fix', join(repo, 'src'), ...WRITE]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the git work tree at ${realpathSync(repo)} has`);
    expect(run.stderr).not.toContain(`${realpathSync(repo)}/src has`);
    expect(run.stderr).toContain('src/b.ts (changed, not committed)');
  });

  it('writes with --allow-dirty', async () => {
    const repo = tempFolder('pim-fix-git-allow-');
    commitRepository(repo, { 'README.md': 'project\n' });
    writeFiles(repo, { 'new.ts': OLD_CALL });

    const run = await runInProcess(['fix', repo, ...WRITE, '--allow-dirty']);

    expect(readFileSync(join(repo, 'new.ts'), 'utf8')).toBe(NEW_CALL);
    expect(run.code).toBe(0);
  });

  it('writes files outside any work tree without a check', async () => {
    const dir = tempFolder('pim-fix-no-git-');
    writeFiles(dir, { 'a.ts': OLD_CALL });

    const run = await runInProcess(['fix', dir, ...WRITE]);

    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(NEW_CALL);
    expect(run.code).toBe(0);
  });
});
