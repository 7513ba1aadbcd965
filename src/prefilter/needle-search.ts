/**
 * Case-insensitive multi-needle search over raw bytes in JavaScript, without a lower-cased copy.
 * A Horspool scan with one shift table for all anchors skips through the bytes, and at an anchor
 * hit the needles that own it are verified at their offsets. It is the reference for the
 * WebAssembly search (`simd-needle-search.ts`) and the fallback where that cannot run.
 */
import { type Anchor, chooseAnchorSet, equalsFolded, FOLD, needleAround } from './anchors.js';

/** A search for a fixed list of needles. */
export interface ByteSearch {
  /** True when `bytes` contains any needle, ignoring ASCII case. */
  matches(bytes: Uint8Array): boolean;
}

export class NeedleSearch implements ByteSearch {
  private readonly anchorLength: number;
  /** Shift by the folded byte at the end of the window, as in Horspool's algorithm. */
  private readonly shift: Uint8Array;
  /** Anchors by their last folded byte. */
  private readonly byLastByte: (Anchor[] | undefined)[] = new Array(256);
  private readonly empty: boolean;

  /** `needles` are lower-case ASCII words; an empty list matches nothing. */
  constructor(needles: readonly string[]) {
    const set = chooseAnchorSet(needles);
    this.empty = set === undefined;
    this.anchorLength = set?.length ?? 1;

    this.shift = new Uint8Array(256).fill(this.anchorLength);
    for (const anchor of set?.anchors ?? []) {
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
          if (equalsFolded(bytes, start, anchor.bytes, length) && needleAround(bytes, start, anchor)) {
            return true;
          }
        }
      }
      i += shift[last]!;
    }
    return false;
  }
}

function caseVariants(byte: number): number[] {
  return byte >= 0x61 && byte <= 0x7a ? [byte, byte & ~0x20] : [byte];
}
