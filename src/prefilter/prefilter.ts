import { minimalSignatures } from '../rules/signatures.js';
import { NeedleSearch } from './needle-search.js';

/**
 * Byte-level prefilter: does a file contain any signature, ignoring ASCII case? Works on the
 * raw bytes, so files that cannot match are never decoded or copied.
 */
export class Prefilter {
  private readonly search: NeedleSearch;

  constructor(signatures: readonly string[]) {
    this.search = new NeedleSearch(minimalSignatures(signatures.map((word) => word.toLowerCase())));
  }

  matches(bytes: Uint8Array): boolean {
    return this.search.matches(bytes);
  }

  /**
   * Windows tools often save PowerShell scripts as UTF-16 with a byte-order mark, where ASCII
   * signatures are spread over two bytes each. Such files are decoded before the check.
   */
  matchesUtf16(bytes: Uint8Array): boolean {
    const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
    const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
    if (!littleEndian && !bigEndian) {
      return false;
    }
    const text = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return this.matches(Buffer.from(text, 'latin1'));
  }
}
