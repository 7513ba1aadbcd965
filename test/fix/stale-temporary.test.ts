import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleTemporaryFiles, temporaryName } from '../../src/fix/apply.js';
import { runInProcess } from '../cli/run-in-process.js';
import { commitRepository, NEW_CALL, OLD_CALL, tempFolder, writeFiles } from './temp-project.js';

/** Returns the id of a process that has ended. A new process could reuse it, and the assertions say so. */
function deadPid(): number {
  return Number(execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }).trim());
}

describe('stale temporary files', () => {
  it('lists only names this run writes, of dead processes', async () => {
    const folder = tempFolder('pim-fix-stale-list-');
    const pid = deadPid();
    const stale = temporaryName('a.ts', pid, 'a1b2c3d4e5f6');
    const otherName = temporaryName('report', pid, '0123456789ab');
    const live = temporaryName('a.ts', process.pid, '0123456789ab');
    writeFiles(folder, { 'a.ts': OLD_CALL, [stale]: 'x', [otherName]: 'x', [live]: 'x', '.a.ts.notapid.0123456789ab.tmp': 'x' });

    const listed = await staleTemporaryFiles(folder, new Set(['a.ts']));

    expect(listed, `dead PID ${pid}`).toEqual([join(folder, stale)]);
  });

  it('keeps a committed file of the temporary pattern', async () => {
    const repo = tempFolder('pim-fix-stale-git-');
    const pid = deadPid();
    const committedOther = temporaryName('report', 4_000_000, '0123456789ab');
    const committedSameName = temporaryName('a.ts', pid, '0123456789ab');
    const leftover = temporaryName('a.ts', pid, 'a1b2c3d4e5f6');
    commitRepository(repo, { 'src/a.ts': OLD_CALL, [`src/${committedOther}`]: 'committed\n', [`src/${committedSameName}`]: 'committed\n' });
    // An untracked leftover outside the files to write does not make the work tree dirty.
    writeFiles(repo, { [`src/${leftover}`]: 'partial' });

    const run = await runInProcess(['fix', repo, '--write', '--tier', 'suggestion']);

    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(repo, 'src/a.ts'), 'utf8')).toBe(NEW_CALL);
    expect(existsSync(join(repo, 'src', leftover)), `leftover of dead PID ${pid}`).toBe(false);
    expect(readFileSync(join(repo, 'src', committedOther), 'utf8')).toBe('committed\n');
    expect(readFileSync(join(repo, 'src', committedSameName), 'utf8')).toBe('committed\n');
    expect(run.stderr).toContain(`${join('src', leftover)}, a temporary file left by an interrupted fix run`);
    expect(run.stderr).not.toContain(committedOther);
    expect(run.stderr).not.toContain(committedSameName);
  });
});
