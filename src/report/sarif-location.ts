import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Finds the folder that report paths are relative to: the nearest folder at or above the scan root
 * that contains `.git` (a folder, or a file in a worktree), else the scan root itself. GitHub
 * code scanning and workflow annotations resolve paths against the repository root, so a scan
 * of a subfolder must still name files from the root.
 */
export function findRepositoryRoot(scanRoot: string, exists: (path: string) => boolean = existsSync): string {
  let folder = scanRoot;
  for (;;) {
    if (exists(join(folder, '.git'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return scanRoot;
    folder = parent;
  }
}

/** Turns a scan-root-relative finding path into a path relative to `repositoryRoot`, with forward slashes. */
export function repositoryRelativePath(scanRoot: string, repositoryRoot: string, file: string): string {
  const prefix = relative(repositoryRoot, scanRoot).split(sep).join('/');
  return prefix === '' ? file : `${prefix}/${file}`;
}

/**
 * Encodes a relative path as a relative URI reference: each segment percent-encoded, so that
 * spaces, `#`, `?`, `%` and a `:` in the first segment (which would read as a scheme) survive.
 */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Returns the `file:` URI of a folder, with the trailing slash SARIF requires of a base URI. */
export function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
