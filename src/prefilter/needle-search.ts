/**
 * Case-insensitive multi-needle search over raw bytes, without a lower-cased copy.
 *
 * Every needle is covered by an anchor: a substring of fixed length that many needles share
 * (`privileged`, `governance` for the built-in rule table). A Horspool scan with one shift table
 * for all anchors skips through the bytes; at an anchor hit the needles that own it are verified
 * at their offsets. Only ASCII letters are folded, as the signatures are ASCII.
 */

/** Longest anchor, in bytes. Longer anchors shift further but cover fewer needles. */
const MAX_ANCHOR_LENGTH = 10;

/** A needle with the offset where its anchor starts inside it. */
interface AnchoredNeedle {
  bytes: Uint8Array;
  anchorOffset: number;
}

interface Anchor {
  bytes: Uint8Array;
  needles: AnchoredNeedle[];
}

const FOLD = new Uint8Array(256);
for (let byte = 0; byte < 256; byte++) {
  FOLD[byte] = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

export class NeedleSearch {
  private readonly anchorLength: number;
  /** Shift by the folded byte at the end of the window, as in Horspool's algorithm. */
  private readonly shift: Uint8Array;
  /** Anchors by their last folded byte. */
  private readonly byLastByte: (Anchor[] | undefined)[] = new Array(256);
  private readonly empty: boolean;

  /** `needles` are lower-case ASCII words; an empty list matches nothing. */
  constructor(needles: readonly string[]) {
    const words = [...new Set(needles.filter((word) => word.length > 0))];
    this.empty = words.length === 0;
    this.anchorLength = this.empty ? 1 : Math.min(MAX_ANCHOR_LENGTH, ...words.map((word) => word.length));
    const anchors = chooseAnchors(words, this.anchorLength);

    this.shift = new Uint8Array(256).fill(this.anchorLength);
    for (const anchor of anchors) {
      for (let j = 0; j < this.anchorLength - 1; j++) {
        const byte = anchor.bytes[j]!;
        const distance = this.anchorLength - 1 - j;
        for (const variant of caseVariants(byte)) {
          this.shift[variant] = Math.min(this.shift[variant]!, distance);
        }
      }
      const last = anchor.bytes[this.anchorLength - 1]!;
      (this.byLastByte[last] ??= []).push(anchor);
    }
  }

  /** True when `bytes` contains any needle, ignoring ASCII case. */
  matches(bytes: Uint8Array): boolean {
    if (this.empty) {
      return false;
    }
    const length = this.anchorLength;
    const shift = this.shift;
    const byLastByte = this.byLastByte;
    const end = bytes.length;
    let i = length - 1;
    while (i < end) {
      const last = FOLD[bytes[i]!]!;
      const anchors = byLastByte[last];
      if (anchors !== undefined) {
        const start = i - length + 1;
        for (const anchor of anchors) {
          if (equalsFolded(bytes, start, anchor.bytes, length) && anchor.needles.some((needle) => needleAt(bytes, start - needle.anchorOffset, needle.bytes))) {
            return true;
          }
        }
      }
      i += shift[last]!;
    }
    return false;
  }
}

/**
 * Pick anchors greedily: the substring of `length` bytes that most uncovered needles contain,
 * until every needle has one. Ties go to the alphabetically first substring, so the choice is
 * the same on every run.
 */
function chooseAnchors(words: readonly string[], length: number): Anchor[] {
  const uncovered = new Set(words);
  const anchors = new Map<string, Anchor>();
  while (uncovered.size > 0) {
    const counts = new Map<string, number>();
    for (const word of uncovered) {
      const seen = new Set<string>();
      for (let start = 0; start + length <= word.length; start++) {
        seen.add(word.slice(start, start + length));
      }
      for (const part of seen) counts.set(part, (counts.get(part) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const anchor: Anchor = { bytes: Buffer.from(best, 'latin1'), needles: [] };
    anchors.set(best, anchor);
    for (const word of [...uncovered]) {
      const offset = word.indexOf(best);
      if (offset !== -1) {
        anchor.needles.push({ bytes: Buffer.from(word, 'latin1'), anchorOffset: offset });
        uncovered.delete(word);
      }
    }
  }
  return [...anchors.values()];
}

function caseVariants(byte: number): number[] {
  return byte >= 0x61 && byte <= 0x7a ? [byte, byte & ~0x20] : [byte];
}

function equalsFolded(bytes: Uint8Array, start: number, lower: Uint8Array, length: number): boolean {
  for (let j = length - 1; j >= 0; j--) {
    if (FOLD[bytes[start + j]!] !== lower[j]) {
      return false;
    }
  }
  return true;
}

function needleAt(bytes: Uint8Array, start: number, needle: Uint8Array): boolean {
  if (start < 0 || start + needle.length > bytes.length) {
    return false;
  }
  return equalsFolded(bytes, start, needle, needle.length);
}
