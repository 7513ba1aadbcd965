import { minimalSignatures } from '../rules/signatures.js';

/**
 * Byte-level prefilter: does a file contain any signature, ignoring ASCII case? Works on the
 * raw bytes, so files that cannot match are never decoded.
 */
export class Prefilter {
  private readonly needles: Buffer[];
  private scratch: Buffer = Buffer.alloc(0);

  constructor(signatures: readonly string[]) {
    this.needles = minimalSignatures(signatures.map((word) => word.toLowerCase())).map((word) => Buffer.from(word, 'latin1'));
  }

  matches(bytes: Buffer): boolean {
    if (this.needles.length === 0) {
      return false;
    }
    if (this.scratch.length < bytes.length) {
      this.scratch = Buffer.allocUnsafe(Math.max(bytes.length, this.scratch.length * 2));
    }
    const lower = this.scratch.subarray(0, bytes.length);
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      lower[i] = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
    }
    return this.needles.some((needle) => lower.indexOf(needle) !== -1);
  }

  /**
   * Windows tools often save PowerShell scripts as UTF-16 with a byte-order mark, where ASCII
   * signatures are spread over two bytes each. Such files are decoded before the check.
   */
  matchesUtf16(bytes: Buffer): boolean {
    const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
    const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
    if (!littleEndian && !bigEndian) {
      return false;
    }
    const text = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return this.matches(Buffer.from(text, 'latin1'));
  }
}
