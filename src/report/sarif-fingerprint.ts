import { createHash } from 'node:crypto';

/**
 * `partialFingerprints.primaryLocationLineHash` as GitHub code scanning computes it when a
 * SARIF upload has none (github/codeql-action, `src/fingerprints.ts`). For each line, the hash
 * covers the next 100 characters of the file from the line's start, with spaces and tabs left
 * out and `\r\n` and `\r` read as `\n`. A line near the end of the file gets an end marker
 * (65535) and then zeros to fill its 100 characters. The hash is the polynomial
 * `sum c[i] * 37^(99 - i)` modulo 2^64 over UTF-16 code units, written as unsigned hexadecimal,
 * then `:` and how many lines of the file so far had the same hash (1 for the first). Lines
 * added or removed elsewhere therefore leave a line's fingerprint unchanged.
 */

const WINDOW_SIZE = 100;
const BASE = 37n;
const MASK_64 = (1n << 64n) - 1n;
const END_OF_FILE = 65535;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;

/** 37^100 mod 2^64: the weight of the character that leaves the window. */
const LEAVING_WEIGHT = BASE ** BigInt(WINDOW_SIZE) & MASK_64;

/**
 * Computes the GitHub line hash of every line of `text`. Index 0 of the result is line 1. After
 * a final newline the end marker starts one more line, as in GitHub's implementation.
 */
export function computeLineHashes(text: string): string[] {
  const hashes: string[] = [];
  const occurrences = new Map<string, number>();
  const window: number[] = new Array<number>(WINDOW_SIZE).fill(0);
  // Line number that starts at each window slot, or 0 when no line starts in the slot.
  const lineStarts: number[] = new Array<number>(WINDOW_SIZE).fill(0);
  let hash = 0n;
  let slot = 0;
  let lineNumber = 0;
  let atLineStart = true;
  let afterCarriageReturn = false;

  const emit = (): void => {
    const value = hash.toString(16);
    const count = (occurrences.get(value) ?? 0) + 1;
    occurrences.set(value, count);
    hashes[lineStarts[slot]! - 1] = `${value}:${count}`;
    lineStarts[slot] = 0;
  };

  const push = (code: number): void => {
    const leaving = window[slot]!;
    window[slot] = code;
    hash = (BASE * hash + BigInt(code) - LEAVING_WEIGHT * BigInt(leaving)) & MASK_64;
    slot = (slot + 1) % WINDOW_SIZE;
  };

  const read = (raw: number): void => {
    if (raw === SPACE || raw === TAB || (afterCarriageReturn && raw === LINE_FEED)) {
      afterCarriageReturn = false;
      return;
    }
    afterCarriageReturn = raw === CARRIAGE_RETURN;
    const code = raw === CARRIAGE_RETURN ? LINE_FEED : raw;
    // The slot about to be overwritten held a line start 100 characters ago, so that line's window is complete.
    if (lineStarts[slot] !== 0) emit();
    if (atLineStart) {
      atLineStart = false;
      lineNumber++;
      lineStarts[slot] = lineNumber;
    }
    if (code === LINE_FEED) atLineStart = true;
    push(code);
  };

  for (let index = 0; index < text.length; index++) {
    read(text.charCodeAt(index));
  }
  read(END_OF_FILE);
  for (let padding = 0; padding < WINDOW_SIZE; padding++) {
    if (lineStarts[slot] !== 0) emit();
    push(0);
  }
  return hashes;
}

/**
 * Computes a fingerprint of our own that needs no source file: SHA-256 of the rule id, the matched text
 * with whitespace runs collapsed, and how many earlier findings in the same file had the same
 * two values. It stays the same when lines move, like the line hash, and survives
 * reformatting inside a line.
 */
export function computeFindingHash(ruleId: string, matchedText: string, occurrence: number): string {
  const normalised = matchedText.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\u0000${normalised}\u0000${occurrence}`).digest('hex').slice(0, 32);
}
