/**
 * Characters in one line above which a file goes to the generic extractor. Minified one-line
 * bundles of megabytes take minutes in ts-morph and in tree-sitter-based resolution, and hand-written
 * code never has lines this long.
 */
export const LONG_LINE_CHARACTERS = 20_000;

/** True when some line of `text` is longer than `limit` characters. */
export function hasLongLine(text: string, limit: number): boolean {
  if (text.length <= limit) {
    return false;
  }
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (lineEnd - lineStart > limit) {
      return true;
    }
    lineStart = lineEnd + 1;
  }
  return false;
}

/**
 * True when some line of `bytes` is longer than `limit` bytes. For UTF-8 a line has at most as
 * many characters as bytes, so this may flag a line that `hasLongLine` would not.
 */
export function hasLongLineBytes(bytes: Uint8Array, limit: number): boolean {
  if (bytes.length <= limit) {
    return false;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lineStart = 0;
  while (lineStart < buffer.length) {
    const newline = buffer.indexOf(10, lineStart);
    const lineEnd = newline === -1 ? buffer.length : newline;
    if (lineEnd - lineStart > limit) {
      return true;
    }
    lineStart = lineEnd + 1;
  }
  return false;
}
