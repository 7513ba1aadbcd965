/**
 * Anchors for the case-insensitive needle search: substrings of one fixed length that cover every
 * needle (`privileged` and `governance` for the built-in rule table). A search finds anchors first
 * and verifies the needles that own an anchor at each hit. Only ASCII letters are folded, as the
 * signatures are ASCII.
 */

/** Maximum anchor length, in bytes. Longer anchors are rarer in text but cover fewer needles. */
export const MAX_ANCHOR_LENGTH = 10;

/** A needle with the offset where its anchor starts inside it. */
export interface AnchoredNeedle {
  bytes: Uint8Array;
  anchorOffset: number;
}

export interface Anchor {
  /** Lower-case bytes, `AnchorSet.length` of them. */
  bytes: Uint8Array;
  needles: AnchoredNeedle[];
}

export interface AnchorSet {
  length: number;
  anchors: Anchor[];
}

/** Byte to its lower-case form for 'A'-'Z', to itself for every other byte. */
export const FOLD = new Uint8Array(256);
for (let byte = 0; byte < 256; byte++) {
  FOLD[byte] = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

/**
 * Chooses anchors for lower-case ASCII needles, or returns undefined when there is no non-empty
 * needle. The anchor length is the shortest needle's length, at most MAX_ANCHOR_LENGTH.
 */
export function chooseAnchorSet(needles: readonly string[]): AnchorSet | undefined {
  const words = [...new Set(needles.filter((word) => word.length > 0))];
  if (words.length === 0) {
    return undefined;
  }
  const length = Math.min(MAX_ANCHOR_LENGTH, ...words.map((word) => word.length));
  return { length, anchors: chooseAnchors(words, length) };
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

/** True when one of the anchor's needles surrounds the anchor hit at `anchorStart`. */
export function needleAround(bytes: Uint8Array, anchorStart: number, anchor: Anchor): boolean {
  return anchor.needles.some((needle) => needleAt(bytes, anchorStart - needle.anchorOffset, needle.bytes));
}

export function equalsFolded(bytes: Uint8Array, start: number, lower: Uint8Array, length: number): boolean {
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
