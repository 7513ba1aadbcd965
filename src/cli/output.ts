import { randomBytes } from 'node:crypto';
import { rm, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { outputWriteError } from '../errors.js';

/**
 * Writes `text` to `path` atomically: a temporary file in the same folder, then a rename, so a
 * reader never sees half a report and a failed run leaves an older report in place. On
 * failure it removes the temporary file and raises `outputWriteError`.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw outputWriteError(path, describeFsError(error));
  }
}

function describeFsError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Node messages repeat the temporary path, which means nothing to the user.
    if (code === 'ENOENT') return 'the folder does not exist (ENOENT)';
    if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
    if (code === 'EISDIR') return 'the path is a folder (EISDIR)';
    if (code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
    return code ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
