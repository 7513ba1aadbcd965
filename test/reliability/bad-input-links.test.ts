import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/discover/walk.js';
import { LINK_NOT_FOLLOWED, LINK_OUTSIDE_ROOT } from '../../src/discover/links.js';
import { scan } from '../../src/scan.js';
import { expectSkipsInEveryReport, filesWithFindings, PLANTED, skipReasonOf } from './bad-input-files.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) {
    // Restore permissions first, so the removal itself cannot fail on a chmod 000 folder.
    execFileSync('chmod', ['-R', 'u+rwx', folder]);
    rmSync(folder, { recursive: true, force: true });
  }
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pim-links-'));
  folders.push(folder);
  return folder;
}

/**
 * A scan root with a real file, a link to it, a link to a folder inside the root, a link to a
 * folder outside the root, a link to its own parent (a loop), a link to itself and a dangling link.
 */
function linkedTree(): { root: string; outside: string } {
  const base = tempFolder();
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'src', 'deep', 'call.ps1'), PLANTED['.ps1']!);
  writeFileSync(join(outside, 'secret.py'), PLANTED['.py']!);
  symlinkSync(join(root, 'src', 'deep', 'call.ps1'), join(root, 'file-link.ps1'));
  symlinkSync(join(root, 'src', 'deep'), join(root, 'folder-link'));
  symlinkSync(outside, join(root, 'outside-link'));
  symlinkSync(join(root, 'src'), join(root, 'src', 'deep', 'loop'));
  symlinkSync('self-loop', join(root, 'self-loop'));
  symlinkSync(join(root, 'missing.ts'), join(root, 'dangling.ts'));
  return { root, outside };
}

describe('bad input: symbolic links', () => {
  it('lists every link as skipped by default', async () => {
    const { root } = linkedTree();

    const result = await scan({ paths: [root] });

    expect(filesWithFindings(result)).toEqual(['src/deep/call.ps1']);
    expect(result.skipped).toEqual(
      ['dangling.ts', 'file-link.ps1', 'folder-link', 'outside-link', 'self-loop', 'src/deep/loop'].map((file) => ({ file, reason: LINK_NOT_FOLLOWED })),
    );
    expectSkipsInEveryReport(result);
  });

  it('follows links inside the root with --follow-links', async () => {
    const { root } = linkedTree();

    const result = await scan({ paths: [root], followLinks: true });

    // Reached through folder-link, the loop link leads to src, which is not on that path yet, so
    // it is followed once; its copy of the loop link then points to src, now a parent folder.
    expect(filesWithFindings(result)).toEqual(['file-link.ps1', 'folder-link/call.ps1', 'folder-link/loop/deep/call.ps1', 'src/deep/call.ps1']);
    expect(skipReasonOf(result, 'outside-link')).toBe(LINK_OUTSIDE_ROOT);
    expect(skipReasonOf(result, 'self-loop')).toBe('symbolic link loop (ELOOP), not followed');
    expect(skipReasonOf(result, 'dangling.ts')).toBe('dangling symbolic link: its target does not exist');
    expect(skipReasonOf(result, 'src/deep/loop')).toBe('symbolic link loop: points to the folder src that contains it');
    expect(skipReasonOf(result, 'folder-link/loop/deep/loop')).toBe('symbolic link loop: points to the folder folder-link/loop that contains it');
    expect(result.findings.some((finding) => finding.file.includes('secret'))).toBe(false);
    expectSkipsInEveryReport(result);
  });

  it('never follows a link out of the root', async () => {
    const { root, outside } = linkedTree();
    // A link to a file outside, and a link inside the root whose real path leaves it.
    symlinkSync(join(outside, 'secret.py'), join(root, 'secret-link.py'));
    symlinkSync(join(root, 'outside-link'), join(root, 'chained-link'));

    const result = await scan({ paths: [root], followLinks: true });

    expect(skipReasonOf(result, 'secret-link.py')).toBe(LINK_OUTSIDE_ROOT);
    expect(skipReasonOf(result, 'chained-link')).toBe(LINK_OUTSIDE_ROOT);
    expect(result.findings.filter((finding) => finding.file.endsWith('.py'))).toEqual([]);
  });

  it('leaves out links that ignore rules name', () => {
    const { root } = linkedTree();
    writeFileSync(join(root, '.gitignore'), 'outside-link\ndangling.ts\n');

    const result = discoverFiles({ root, paths: [root], maxFileSize: 1_000_000 });

    expect(result.skipped.map((entry) => entry.file)).toEqual(['file-link.ps1', 'folder-link', 'self-loop', 'src/deep/loop']);
  });
});

describe('bad input: unreadable files', () => {
  const isRoot = process.getuid?.() === 0;

  it('skips a named pipe instead of blocking on it', async () => {
    const root = tempFolder();
    writeFileSync(join(root, 'call.ps1'), PLANTED['.ps1']!);
    execFileSync('mkfifo', [join(root, 'pipe.ps1')]);

    const result = await scan({ paths: [root] });

    expect(filesWithFindings(result)).toEqual(['call.ps1']);
    expect(result.skipped).toEqual([{ file: 'pipe.ps1', reason: 'a named pipe (FIFO), not read' }]);
    expectSkipsInEveryReport(result);
  });

  it('skips a named pipe given as the scan path', async () => {
    const root = tempFolder();
    execFileSync('mkfifo', [join(root, 'pipe.sh')]);

    const result = await scan({ paths: [join(root, 'pipe.sh')] });

    expect(result.skipped).toEqual([{ file: 'pipe.sh', reason: 'a named pipe (FIFO), not read' }]);
  });

  // As root, chmod 000 does not stop reads (CAP_DAC_OVERRIDE), so this case can only run as
  // another user; the named pipe tests above cover an unreadable file for root.
  it.skipIf(isRoot)('skips chmod 000 files and folders (not run as root: root reads them anyway)', async () => {
    const root = tempFolder();
    writeFileSync(join(root, 'call.ps1'), PLANTED['.ps1']!);
    writeFileSync(join(root, 'locked.ps1'), PLANTED['.ps1']!);
    mkdirSync(join(root, 'locked-folder'));
    writeFileSync(join(root, 'locked-folder', 'inner.ps1'), PLANTED['.ps1']!);
    chmodSync(join(root, 'locked.ps1'), 0o000);
    chmodSync(join(root, 'locked-folder'), 0o000);

    const result = await scan({ paths: [root] });

    expect(filesWithFindings(result)).toEqual(['call.ps1']);
    expect(skipReasonOf(result, 'locked.ps1')).toBe('not readable: EACCES');
    expect(skipReasonOf(result, 'locked-folder')).toBe('folder not readable: EACCES');
    expectSkipsInEveryReport(result);
  });
});
