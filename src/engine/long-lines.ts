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
