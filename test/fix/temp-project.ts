import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/** A TypeScript line with one iteration 2 call that `fix --tier suggestion` rewrites. */
export const OLD_CALL = "const r = await fetch('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleDefinitions');\n";
/** The same line after the fix. */
export const NEW_CALL = "const r = await fetch('https://graph.microsoft.com/v1.0/roleManagement/directory/roleDefinitions');\n";

const created: string[] = [];

// Registered by each test file that imports this module.
afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Creates a temporary folder that is removed after the current test. */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes files (relative path -> text) under `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), text);
  }
}

/** Runs git in `cwd` with a fixed identity, so commits work without a global git config. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=pim-migrate test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Makes `root` a git repository with `files` committed. */
export function commitRepository(root: string, files: Record<string, string>): void {
  mkdirSync(root, { recursive: true });
  writeFiles(root, files);
  git(root, 'init', '--quiet');
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '--message', 'initial');
}
