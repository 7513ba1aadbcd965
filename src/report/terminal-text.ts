/**
 * Control characters (C0, DEL, C1) could move the cursor or change colours, and bidirectional
 * overrides could make printed code read differently from what the file contains.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text from scanned files safe to print on one terminal line: tabs and line breaks
 * become spaces, and every other unsafe character becomes U+FFFD.
 */
export function printable(text: string): string {
  return text.replace(/\r\n|[\t\r\n]/g, ' ').replace(UNSAFE, '\uFFFD');
}

/** True for a code point that a code frame shows as U+FFFD: the characters above, CR and LF, but not tab. */
export function isUnsafeCodePoint(codePoint: number): boolean {
  return (
    (codePoint <= 0x1f && codePoint !== 0x09) ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

/**
 * Wraps `text` at spaces so each line, with `indent` in front, fits in `width` columns.
 * A word longer than the line (a URL, say) stays whole on its own line.
 */
export function wrapText(text: string, width: number, indent: string, firstIndent: string = indent): string[] {
  const words = text.split(/ +/).filter((word) => word.length > 0);
  const lines: string[] = [];
  let current = firstIndent;
  let currentHasWord = false;

  for (const word of words) {
    const candidate = currentHasWord ? `${current} ${word}` : `${current}${word}`;
    if (currentHasWord && candidate.length > width) {
      lines.push(current);
      current = `${indent}${word}`;
    } else {
      current = candidate;
    }
    currentHasWord = true;
  }
  lines.push(current);
  return lines;
}
