import { realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { sep } from 'node:path';

/** Skip reason of a symbolic link when `--follow-links` is off. */
export const LINK_NOT_FOLLOWED = 'symbolic link, not followed; use --follow-links';
/** Skip reason of a followed link whose real path is not inside the scan root. */
export const LINK_OUTSIDE_ROOT = 'link points outside the scan root';

/** The target of a followed symbolic link: a file or folder to scan, or a reason to skip it. */
export type LinkTarget = { kind: 'file'; size: number } | { kind: 'folder'; id: string; realPath: string } | { skip: string };

/** Device and inode of a folder, the identity that loop detection compares (its path may differ through links). */
export function folderId(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/**
 * Resolves a symbolic link for `--follow-links`. A link is followed only when its real path is
 * inside `realRoot` (the real path of the scan root), and a link to a folder that is one of
 * `ancestors` (device:inode of the folders being walked) is a loop. The link's own path stays
 * the path of what it reaches, as `find -L` and `rg -L` report it.
 */
export function resolveLink(absolute: string, realRoot: string, ancestors: ReadonlyMap<string, string>): LinkTarget {
  let realPath: string;
  try {
    realPath = realpathSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      return { skip: 'symbolic link loop (ELOOP), not followed' };
    }
    return { skip: code === 'ENOENT' ? 'dangling symbolic link: its target does not exist' : `symbolic link not readable: ${code ?? String(error)}` };
  }
  if (realPath !== realRoot && !realPath.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) {
    return { skip: LINK_OUTSIDE_ROOT };
  }
  let stats: Stats;
  try {
    stats = statSync(realPath);
  } catch (error) {
    return { skip: `symbolic link target not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (stats.isDirectory()) {
    const id = folderId(stats);
    const ancestor = ancestors.get(id);
    if (ancestor !== undefined) {
      return { skip: `symbolic link loop: points to the folder ${ancestor || '.'} that contains it` };
    }
    return { kind: 'folder', id, realPath };
  }
  if (!stats.isFile()) {
    return { skip: `symbolic link to ${specialFileKind(stats)}, not read` };
  }
  return { kind: 'file', size: stats.size };
}

/**
 * Names a file that is neither a regular file, a folder nor a symbolic link. Reading a FIFO
 * blocks until a writer comes and a device can stream forever, so the walk never reads them.
 */
export function specialFileKind(entry: Dirent | Stats): string {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  return 'a special file';
}

