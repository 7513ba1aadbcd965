import { execFileSync } from 'node:child_process';

/**
 * Lists uncommitted changes under `folder` with `git status --porcelain`, or returns null when
 * the folder is not in a git work tree (or git is not installed). It only reads: no git
 * command here changes the index or the work tree.
 */
export function uncommittedChanges(folder: string): string[] | null {
  try {
    const output = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.'], {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return output.split('\n').filter((line) => line.trim() !== '');
  } catch {
    return null;
  }
}
