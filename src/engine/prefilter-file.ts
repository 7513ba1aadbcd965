import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ownReportFormat } from '../discover/own-report.js';
import { largerThanLimit } from '../discover/walk.js';
import type { Prefilter } from '../prefilter/prefilter.js';
import { reusableReadBuffer } from '../prefilter/read-buffer.js';
import { hasLongLineBytes, LONG_LINE_CHARACTERS } from '../extract/common/long-lines.js';
import type { PrefilterOutcome } from './types.js';

/**
 * Reads one discovered file and decides whether it goes to an extractor. A file larger than
 * `maxFileSize` bytes (by `fstat` of the open file, so the walk need not stat it) is skipped
 * unread. The bytes live in the thread's read buffer (`reusableReadBuffer`, a view on the
 * WebAssembly search's memory) only until the next call, so memory stays at the largest file per
 * thread whatever the tree's size.
 */
export function prefilterFile(path: string, prefilter: Prefilter, maxFileSize: number): PrefilterOutcome {
  let bytes: Buffer | { size: number };
  try {
    bytes = readIntoBuffer(path, maxFileSize);
  } catch (error) {
    return { kind: 'skipped', reason: `not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (!Buffer.isBuffer(bytes)) {
    return { kind: 'skipped', reason: largerThanLimit(bytes.size, maxFileSize) };
  }
  if (!prefilter.matches(bytes) && !prefilter.matchesUtf16(bytes)) {
    return { kind: 'no-signature' };
  }
  // Checked after the prefilter, because only a report that names an old call can count it twice.
  const reportFormat = ownReportFormat(bytes);
  if (reportFormat) {
    return { kind: 'skipped', reason: `a pim-migrate ${reportFormat} report (its findings would be counted twice)` };
  }
  return { kind: 'candidate', longLine: hasLongLineBytes(bytes, LONG_LINE_CHARACTERS) };
}

/**
 * Reads a whole file into the shared buffer and returns the part that contains it, or only its
 * size when that is over `maxFileSize`. A file that grows past the limit during the read is read whole.
 */
function readIntoBuffer(path: string, maxFileSize: number): Buffer | { size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxFileSize) {
      return { size };
    }
    // One byte more than the size, so a read that fills the buffer means the file has grown.
    let buffer = reusableReadBuffer(size + 1);
    let length = 0;
    for (;;) {
      const requested = buffer.length - length;
      const read = readSync(fd, buffer, length, requested, null);
      length += read;
      // A short read that reaches the size from fstat is the end of the file, which saves the
      // read that would return 0 (one system call per file).
      if (read === 0 || (read < requested && length === size)) {
        return buffer.subarray(0, length);
      }
      if (length === buffer.length) {
        buffer = reusableReadBuffer(buffer.length * 2);
      }
    }
  } finally {
    closeSync(fd);
  }
}
