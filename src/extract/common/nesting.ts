/**
 * Bracket nesting above which an extractor with a recursive parser (the TypeScript compiler,
 * jsonc-parser) hands the file to the generic extractor. Those parsers overflow the stack
 * somewhere under 1,000 levels. The depth depends on the thread's stack size (about 1 MB in the
 * main thread, 4 MB by default in a worker), so a fixed limit gives every thread the same
 * result. Hand-written code nests a few dozen levels.
 */
export const MAX_PARSER_NESTING = 256;

/**
 * True when the brackets `(`, `[` and `{` of `text` nest deeper than `limit`. Every bracket
 * counts, also inside strings and comments, so the check may flag a file that its parser would
 * read, never the reverse.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x28 || code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > limit) {
        return true;
      }
    } else if ((code === 0x29 || code === 0x5d || code === 0x7d) && depth > 0) {
      depth -= 1;
    }
  }
  return false;
}
