import { SNIFF_BYTES, utf16WithoutBom } from '../discover/decode.js';
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
   * Windows tools often save PowerShell scripts as UTF-16, where ASCII signatures are spread over
   * two bytes each. Such files, with a byte-order mark or recognised without one, are decoded
   * before the check. Only files with NUL bytes reach the check without a mark, so UTF-8 files
   * that miss the byte search are not decoded.
   */
  matchesUtf16(bytes: Uint8Array): boolean {
    const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
    const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
    const encoding = littleEndian ? 'utf-16le' : bigEndian ? 'utf-16be' : hasNul(bytes) ? utf16WithoutBom(bytes.subarray(0, SNIFF_BYTES)) : undefined;
    if (!encoding) {
      return false;
    }
    const text = new TextDecoder(encoding).decode(bytes.subarray(littleEndian || bigEndian ? 2 : 0));
    return this.matches(Buffer.from(text, 'latin1'));
  }
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}
