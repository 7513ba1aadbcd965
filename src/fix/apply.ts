import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Edit } from './edits.js';

/** How the file's bytes were decoded, so the new text is written back the same way. */
export interface FileEncoding {
  bom: boolean;
  latin1: boolean;
}

export function encodingOf(bytes: Buffer, latin1: boolean): FileEncoding {
  return { bom: bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, latin1 };
}

/**
 * Applies non-overlapping edits to a text. Text outside the edits is copied unchanged, so line
 * endings and untouched bytes stay as they were. Throws on overlapping edits: the caller
 * drops overlapping findings before this point.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.start < position) {
      throw new Error(`overlapping edits at offset ${edit.start}`);
    }
    out += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return out + text.slice(position);
}

/** Encodes text as the original file was: UTF-8 with its BOM when it had one, or Latin-1. */
export function encodeText(text: string, encoding: FileEncoding): Buffer {
  if (encoding.latin1) {
    return Buffer.from(text, 'latin1');
  }
  // decodeText drops a UTF-8 BOM (TextDecoder's default), so it is put back here.
  const body = Buffer.from(text, 'utf8');
  return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Name of the temporary file that `replaceFileAtomic` writes beside `name`: `.NAME.PID.HEX.tmp`, 12 hex digits. */
export function temporaryName(name: string, pid: number, hex: string): string {
  return `.${name}.${pid}.${hex}.tmp`;
}

const TEMPORARY_NAME = /^\.(.+)\.([1-9][0-9]*)\.([0-9a-f]{12})\.tmp$/;

/** True while a process with this id exists. EPERM means it exists but belongs to another user. */
function isProcessAlive(pid: number): boolean {
  // process.kill throws a type error above the 32-bit range, and no process has such an id.
  if (pid > 0x7fffffff) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Lists the temporary files that an earlier, killed `replaceFileAtomic` left in `folder` for one
 * of `names`, the files this run writes there. Only names of its own pattern (`.NAME.PID.HEX.tmp`)
 * whose process no longer exists are listed. So a fix running at the same time keeps its files,
 * and a file of that pattern for a NAME this run does not write is left alone.
 * NOTE: a recycled PID that now belongs to a live process keeps its stale file until that process ends.
 */
export async function staleTemporaryFiles(folder: string, names: ReadonlySet<string>): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    // A folder that cannot be listed has nothing this run could remove either.
    return [];
  }
  const stale: string[] = [];
  for (const entry of entries) {
    const match = TEMPORARY_NAME.exec(entry.name);
    if (!entry.isFile() || !match || !names.has(match[1]!) || isProcessAlive(Number(match[2]))) continue;
    stale.push(join(folder, entry.name));
  }
  return stale;
}

/**
 * Replaces `target` atomically: a temporary file in the same folder with the mode of
 * `modeFrom` (the original file), then a rename. On failure the temporary file is removed.
 */
export async function replaceFileAtomic(target: string, bytes: Buffer, modeFrom: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = join(dirname(target), temporaryName(basename(target), process.pid, randomBytes(6).toString('hex')));
  try {
    const mode = (await stat(modeFrom)).mode & 0o7777;
    await writeFile(temporary, bytes, { flag: 'wx', mode });
    await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
