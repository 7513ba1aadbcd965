import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';

const OUTPUT_DIR_HELP = 'Use --write to change the files in place, or pass --output-dir a folder whose copies cannot land on the scanned files, such as ../migrated.';

/**
 * Rejects an `--output-dir` value that is empty, or that names something other than a folder
 * (a file, or a path through a file), before anything is scanned or written. A missing folder
 * is fine: the first write creates it.
 */
export function checkOutputDirValue(value: string): void {
  if (value.trim() === '') {
    throw usageError('--output-dir is empty', OUTPUT_DIR_HELP);
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(value).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw usageError(`--output-dir "${value}" cannot be used as a folder (${code ?? String(error)})`, 'Pass a folder, or a path where a new folder can be created.');
  }
  if (!isFolder) {
    throw usageError(`--output-dir "${value}" exists and is not a folder`, 'Pass a folder, or a path where a new folder can be created.');
  }
}

/**
 * Real path of `path`, which may not exist yet: the real path of its deepest existing folder
 * with the missing names appended. Links in the existing part are resolved.
 */
function realPathOfNewPath(path: string): string {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(current), ...missing);
    } catch {
      const parent = dirname(current);
      if (parent === current) return resolve(path);
      missing.unshift(basename(current));
      current = parent;
    }
  }
}

/** A file that `fix --output-dir` would write: the original and the path of its migrated copy. */
export interface OutputCopy {
  source: string;
  target: string;
}

/**
 * Rejects an `--output-dir` where a migrated copy would replace an original: the folder is the
 * scan root (through links too), or a copy's path is one of the `sources`, the files with
 * findings. Runs before any write.
 * NOTE: a scanned file without findings is not in `sources`, so a copy may still land on one of
 * those when the output folder lies inside the scan root.
 */
export function checkOutputCopies(value: string, root: string, sources: readonly string[], copies: readonly OutputCopy[]): void {
  const realRoot = realpathSync(root);
  if (realPathOfNewPath(value) === realRoot) {
    throw usageError(`--output-dir "${value}" is the scan root ${root}, so the migrated copies would replace the original files`, OUTPUT_DIR_HELP);
  }
  // A copy replaces a link at its own path rather than the link's target, so only its folder is resolved.
  const originals = new Set(sources.map((source) => realpathSync(source)));
  for (const copy of copies) {
    const realTarget = join(realPathOfNewPath(dirname(copy.target)), basename(copy.target));
    if (originals.has(realTarget)) {
      throw usageError(`--output-dir "${value}" would write the copy of ${copy.source} over the original file ${realTarget}`, OUTPUT_DIR_HELP);
    }
  }
}
