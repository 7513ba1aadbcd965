import { readFileSync } from 'node:fs';
import { decodeText } from '../discover/decode.js';

/**
 * Reads a scanned file with the scan's own decoding (BOM, UTF-16), so that line and column
 * numbers agree with the findings. Returns null when the file cannot be read or decoded.
 * NOTE: the text reporter has the same reader as a private function; one shared export would do.
 */
export function readSourceFromDisk(absolutePath: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch {
    // The file may have moved or lost its permissions since the scan; the code frame is optional.
    return null;
  }
  const decoded = decodeText(bytes);
  return 'text' in decoded ? decoded.text : null;
}
