import { SNIFF_BYTES, utf16WithoutBom } from '../discover/decode.js';
import { minimalSignatures } from '../rules/signatures.js';
import type { ByteSearch } from './needle-search.js';
import { createNeedleSearch } from './simd-needle-search.js';

/**
 * Byte-level prefilter: does a file contain any signature, ignoring ASCII case? Works on the
 * raw bytes, so files that cannot match are never decoded or copied.
 */
export class Prefilter {
  private readonly search: ByteSearch;

  constructor(signatures: readonly string[]) {
    this.search = createNeedleSearch(minimalSignatures(signatures.map((word) => word.toLowerCase())));
  }

  matches(bytes: Uint8Array): boolean {
    return this.search.matches(bytes);
  }

  /**
   * Windows tools often save PowerShell scripts as UTF-16, where ASCII signatures are spread over
   * two bytes each. Such files, with a byte-order mark or recognised without one, are decoded
   * before the check. Only files with NUL bytes reach the check without a mark, so UTF-8 files
   * that miss the byte search are not decoded.
   */
  matchesUtf16(bytes: Uint8Array): boolean {
    const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
    const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
    if (littleEndian || bigEndian) {
      return this.matchesText(bytes.subarray(2), littleEndian ? 'utf-16le' : 'utf-16be');
    }
    const encoding = hasNul(bytes) ? utf16WithoutBom(bytes.subarray(0, SNIFF_BYTES)) : undefined;
    return encoding !== undefined && this.matchesText(bytes, encoding);
  }

  /** Decodes UTF-16 bytes and searches the text's characters as Latin-1 bytes. */
  private matchesText(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): boolean {
    const text = new TextDecoder(encoding).decode(bytes);
    return this.matches(Buffer.from(text, 'latin1'));
  }
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}
