/** Decode file bytes as text, or say why the file cannot be scanned. */
export type Decoded = { text: string; warning?: string } | { skip: string };

/** Bytes read from the start of a file to tell text from binary. */
export const SNIFF_BYTES = 8192;

/**
 * Share of the sniffed UTF-16 code units that must have a zero high byte for a file without a
 * byte-order mark to be read as UTF-16. Source code is mostly ASCII, so nearly every unit has
 * one, while binary data has zeros at even and odd offsets alike.
 */
const MIN_ASCII_UNIT_SHARE = 0.7;

export function decodeText(bytes: Buffer): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) {
    const encoding = utf16WithoutBom(sniff);
    if (encoding) {
      return { text: new TextDecoder(encoding).decode(bytes), warning: `no byte-order mark; read as ${encoding.toUpperCase()}` };
    }
    return { skip: 'binary file (contains NUL bytes)' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Legacy encodings (Windows-1252 scripts, say) still spell URLs in ASCII, so the file is
    // scanned as Latin-1, where every byte is one character and offsets stay exact.
    return { text: bytes.toString('latin1'), warning: 'not valid UTF-8; read as Latin-1' };
  }
}

/**
 * Recognises UTF-16 text without a byte-order mark (PowerShell 5 `Out-File` writes it with one,
 * other tools often do not) by the zero bytes of its ASCII characters: at odd offsets for
 * little-endian, at even offsets for big-endian. Returns undefined for anything else, such as a
 * binary file, or text with U+0000 or other control characters.
 */
export function utf16WithoutBom(sniff: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = Math.floor(sniff.length / 2);
  if (units < 2) {
    return undefined;
  }
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < units * 2; index += 2) {
    if (sniff[index] === 0) evenZeros += 1;
    if (sniff[index + 1] === 0) oddZeros += 1;
  }
  let encoding: 'utf-16le' | 'utf-16be';
  if (oddZeros >= units * MIN_ASCII_UNIT_SHARE && evenZeros === 0) {
    encoding = 'utf-16le';
  } else if (evenZeros >= units * MIN_ASCII_UNIT_SHARE && oddZeros === 0) {
    encoding = 'utf-16be';
  } else {
    return undefined;
  }
  const text = new TextDecoder(encoding).decode(sniff.subarray(0, units * 2));
  // Tab, line feed, carriage return and form feed are the only control characters in source text.
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : encoding;
}
