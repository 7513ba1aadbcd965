/** Decode file bytes as text, or say why the file cannot be scanned. */
export type Decoded = { text: string } | { skip: string };

const SNIFF_BYTES = 8192;

export function decodeText(bytes: Buffer): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) {
    return { skip: 'binary file (contains NUL bytes)' };
  }
  try {
    // `fatal` rejects invalid UTF-8 instead of silently inserting replacement characters.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { skip: 'not valid UTF-8 text' };
  }
}
