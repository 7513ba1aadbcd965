import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NEW_CALL, OLD_CALL, tempFolder, writeFiles } from '../fix/temp-project.js';
import { runInProcess } from './run-in-process.js';

const SUGGESTION = ['--tier', 'suggestion'];
const startFolder = process.cwd();

afterEach(() => process.chdir(startFolder));

describe('fix --output-dir that would replace the originals', () => {
  it.each(['.', ''])('rejects --output-dir "%s" from the scan root', async (value) => {
    const root = tempFolder('pim-fix-out-root-');
    writeFiles(root, { 'a.ts': OLD_CALL });
    process.chdir(root);

    const run = await runInProcess(['fix', '.', ...SUGGESTION, '--output-dir', value]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(value === '' ? '--output-dir is empty' : `--output-dir "${value}" is the scan root`);
    expect(run.stderr).toContain('Use --write to change the files in place');
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe(OLD_CALL);
    expect(run.stdout).toBe('');
  });

  it('rejects a link to the scan root', async () => {
    const root = tempFolder('pim-fix-out-link-');
    writeFiles(root, { 'src/a.ts': OLD_CALL });
    symlinkSync(join(root, 'src'), join(root, 'mirror'));

    const run = await runInProcess(['fix', join(root, 'src'), ...SUGGESTION, '--output-dir', join(root, 'mirror')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is the scan root');
    expect(readFileSync(join(root, 'src/a.ts'), 'utf8')).toBe(OLD_CALL);
  });

  it('rejects a folder where a copy lands on another original', async () => {
    const root = tempFolder('pim-fix-out-overlap-');
    // The copy of a.ts would be written to sub/a.ts, which is itself a scanned original.
    writeFiles(root, { 'a.ts': OLD_CALL, 'sub/a.ts': `// other\n${OLD_CALL}` });

    const run = await runInProcess(['fix', root, ...SUGGESTION, '--output-dir', join(root, 'sub')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`over the original file ${join(root, 'sub/a.ts')}`);
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe(OLD_CALL);
    expect(readFileSync(join(root, 'sub/a.ts'), 'utf8')).toBe(`// other\n${OLD_CALL}`);
  });

  it('rejects an existing file before any write', async () => {
    const root = tempFolder('pim-fix-out-file-');
    writeFiles(root, { 'src/a.ts': OLD_CALL, 'out.txt': 'keep\n' });

    const run = await runInProcess(['fix', join(root, 'src'), ...SUGGESTION, '--output-dir', join(root, 'out.txt')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exists and is not a folder');
    expect(readFileSync(join(root, 'out.txt'), 'utf8')).toBe('keep\n');
    expect(readdirSync(root).sort()).toEqual(['out.txt', 'src']);
  });

  it('rejects a path through a file', async () => {
    const root = tempFolder('pim-fix-out-through-');
    writeFiles(root, { 'src/a.ts': OLD_CALL, 'out.txt': 'keep\n' });

    const run = await runInProcess(['fix', join(root, 'src'), ...SUGGESTION, '--output-dir', join(root, 'out.txt', 'copies')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot be used as a folder (ENOTDIR)');
  });

  it('writes copies to a folder inside the scan root', async () => {
    const root = tempFolder('pim-fix-out-inside-');
    writeFiles(root, { 'src/a.ts': OLD_CALL });

    const run = await runInProcess(['fix', root, ...SUGGESTION, '--output-dir', join(root, 'migrated')]);

    expect(run.code).toBe(0);
    expect(readFileSync(join(root, 'migrated/src/a.ts'), 'utf8')).toBe(NEW_CALL);
    expect(readFileSync(join(root, 'src/a.ts'), 'utf8')).toBe(OLD_CALL);
  });
});
