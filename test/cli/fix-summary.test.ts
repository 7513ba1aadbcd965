import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEW_CALL, OLD_CALL, tempFolder, writeFiles } from '../fix/temp-project.js';
import { runInProcess } from './run-in-process.js';

const SUGGESTION = ['--tier', 'suggestion'];

/** Lines of the summary that list one finding, such as `  a.ts:1:23 rule-id [fixed] check: ...`. */
function findingLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^ {2}\S+:\d+:\d+ \S+ \[/.test(line));
}

describe('fix exit codes and summary', () => {
  it('dry run with a pending fix exits 1', async () => {
    const root = tempFolder('pim-fix-dry-pending-');
    writeFiles(root, { 'a.ts': OLD_CALL });

    const run = await runInProcess(['fix', root, ...SUGGESTION]);

    expect(run.stderr).toContain('Dry run: 1 file(s) would change');
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe(OLD_CALL);
    expect(run.code).toBe(1);
  });

  it('dry run labels fixes [fixable]', async () => {
    const root = tempFolder('pim-fix-dry-label-');
    writeFiles(root, { 'a.ts': OLD_CALL });

    const run = await runInProcess(['fix', root, ...SUGGESTION]);
    const lines = findingLines(run.stderr);

    expect(lines.length, run.stderr).toBe(1);
    expect(lines[0]).toContain('[fixable] check:');
    expect(run.stderr).not.toContain('[fixed]');
  });

  it('write labels fixes [fixed] and exits 0', async () => {
    const root = tempFolder('pim-fix-write-label-');
    writeFiles(root, { 'a.ts': OLD_CALL });

    const run = await runInProcess(['fix', root, ...SUGGESTION, '--write']);

    expect(findingLines(run.stderr)[0]).toContain('[fixed] check:');
    expect(run.stderr).toContain('Wrote 1 file(s).');
    expect(run.code).toBe(0);
  });

  it('dry run without findings exits 0', async () => {
    const root = tempFolder('pim-fix-dry-clean-');
    writeFiles(root, { 'a.ts': 'export const unrelated = 1;\n' });

    const run = await runInProcess(['fix', root, ...SUGGESTION]);

    expect(run.stderr).toContain('No findings under');
    expect(run.code).toBe(0);
  });

  it('counts a read-only file as not written', async () => {
    const root = tempFolder('pim-fix-count-read-only-');
    writeFiles(root, { 'a.ts': OLD_CALL, 'b.ts': OLD_CALL });
    chmodSync(join(root, 'b.ts'), 0o444);

    const run = await runInProcess(['fix', root, ...SUGGESTION, '--write']);
    chmodSync(join(root, 'b.ts'), 0o644);

    expect(run.stderr).toContain('Wrote 1 file(s).');
    expect(run.stderr).toMatch(/warning: b\.ts: read-only file, not written/);
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe(NEW_CALL);
    expect(readFileSync(join(root, 'b.ts'), 'utf8')).toBe(OLD_CALL);
    expect(run.code).toBe(1);
  });

  it('counts a copy blocked by a file as not written', async () => {
    const root = tempFolder('pim-fix-count-enotdir-');
    writeFiles(root, { 'src/a.ts': OLD_CALL, 'src/sub/b.ts': OLD_CALL, 'out/sub': 'a file where a folder is needed\n' });

    const run = await runInProcess(['fix', join(root, 'src'), ...SUGGESTION, '--output-dir', join(root, 'out')]);

    expect(run.stderr).toContain('Wrote 1 file(s) to');
    expect(run.stderr).toMatch(/warning: sub\/b\.ts: not written \((EEXIST|ENOTDIR)\)/);
    expect(readFileSync(join(root, 'out/a.ts'), 'utf8')).toBe(NEW_CALL);
    expect(run.code).toBe(1);
  });
});
