import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';

/*
 * Read-only git queries for `fix --write`: no git command here changes the index or the work
 * tree. Every query returns "no work tree" when git is not installed or fails, so files outside
 * git are written without a check, as before git was consulted at all.
 */

/** Paths per `git status` call, so that a large fix stays far below the command-line length limit. */
const PATHS_PER_CALL = 500;

/** A git work tree with changes that git cannot restore after the fix writes. */
export interface DirtyWorkTree {
  /** Top-level folder of the work tree (`git rev-parse --show-toplevel`). */
  root: string;
  /** Each change as `PATH (STATE)`, PATH relative to `root`. */
  changes: string[];
}

function runGit(cwd: string, args: readonly string[]): string | null {
  try {
    return execFileSync('git', ['--literal-pathspecs', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
}

/** Top-level folder of the git work tree that contains `folder`, or null outside one. */
export function workTreeRoot(folder: string): string | null {
  const output = runGit(folder, ['rev-parse', '--show-toplevel']);
  return output === null || output.trim() === '' ? null : output.trim();
}

/**
 * Groups existing files by the git work tree that contains each one. A file in a submodule or a
 * nested repository belongs to that inner work tree. Files outside every work tree are left out.
 * Keys are work tree roots and values are real paths relative to the root.
 * NOTE: this runs `git rev-parse` once per distinct folder, a few milliseconds each, so a fix
 * that writes into thousands of folders spends seconds here.
 */
export function groupByWorkTree(files: readonly string[]): Map<string, string[]> {
  const rootOfFolder = new Map<string, string | null>();
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const real = realpathSync(file);
    const folder = dirname(real);
    if (!rootOfFolder.has(folder)) rootOfFolder.set(folder, workTreeRoot(folder));
    const root = rootOfFolder.get(folder);
    if (!root) continue;
    groups.set(root, [...(groups.get(root) ?? []), relative(root, real)]);
  }
  return groups;
}

/** Splits `git status --porcelain=v1 -z` output into its two-letter status codes and paths. */
function parsePorcelain(output: string): { code: string; path: string }[] {
  const entries: { code: string; path: string }[] = [];
  const fields = output.split('\0');
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    if (field.length < 4) continue;
    const code = field.slice(0, 2);
    entries.push({ code, path: field.slice(3) });
    // A rename or copy is followed by a field with the old path.
    if (code.includes('R') || code.includes('C')) index++;
  }
  return entries;
}

function describeState(code: string): string {
  if (code === '??') return 'untracked, so git has no copy of it';
  if (code === '!!') return 'ignored by git, so git has no copy of it';
  if (code.includes('U') || code === 'AA' || code === 'DD') return 'unmerged';
  return code[1] === ' ' ? 'staged, not committed' : 'changed, not committed';
}

function statusEntries(root: string, args: readonly string[], paths: readonly string[]): { code: string; path: string }[] | null {
  const entries: { code: string; path: string }[] = [];
  for (let start = 0; start < paths.length; start += PATHS_PER_CALL) {
    const output = runGit(root, ['status', '--porcelain=v1', '-z', ...args, '--', ...paths.slice(start, start + PATHS_PER_CALL)]);
    if (output === null) return null;
    entries.push(...parsePorcelain(output));
  }
  return entries;
}

/**
 * Finds the work trees where a fix that writes `files` in place could not be undone with git:
 * a tracked file under `scopes` has uncommitted changes, or a file to write is untracked or
 * ignored. Each file is checked in its own work tree. `scopes` are the scan paths, and a work
 * tree inside a scan path is checked whole. Files outside every work tree are not checked.
 */
export function dirtyWorkTrees(files: readonly string[], scopes: readonly string[]): DirtyWorkTree[] {
  const realScopes = scopes.map((scope) => realpathSync(scope));
  const dirty: DirtyWorkTree[] = [];
  for (const [root, paths] of groupByWorkTree(files)) {
    const inside = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
    const scopesHere = realScopes.flatMap((scope) => (inside(scope, root) ? [relative(root, scope) || '.'] : inside(root, scope) ? ['.'] : []));
    const tracked = statusEntries(root, ['--untracked-files=no'], [...new Set(scopesHere)]);
    const unversioned = statusEntries(root, ['--untracked-files=all', '--ignored=matching'], paths);
    if (tracked === null || unversioned === null) continue;
    const changes = [...tracked, ...unversioned.filter((entry) => entry.code === '??' || entry.code === '!!')];
    if (changes.length > 0) dirty.push({ root, changes: changes.map((entry) => `${entry.path} (${describeState(entry.code)})`) });
  }
  return dirty;
}

/** Selects the files among `files` (existing paths) that git tracks. The rest are untracked or outside git. */
export function trackedFiles(files: readonly string[]): Set<string> {
  const tracked = new Set<string>();
  const byReal = new Map(files.map((file) => [realpathSync(file), file]));
  for (const [root, paths] of groupByWorkTree(files)) {
    for (let start = 0; start < paths.length; start += PATHS_PER_CALL) {
      const output = runGit(root, ['ls-files', '-z', '--', ...paths.slice(start, start + PATHS_PER_CALL)]);
      for (const path of output?.split('\0') ?? []) {
        const original = path === '' ? undefined : byReal.get(`${root}${sep}${path}`);
        if (original !== undefined) tracked.add(original);
      }
    }
  }
  return tracked;
}
