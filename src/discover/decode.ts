/** Decode file bytes as text, or say why the file cannot be scanned. */
export type Decoded = { text: string; warning?: string } | { skip: string };

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
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Legacy encodings (Windows-1252 scripts, say) still spell URLs in ASCII, so the file is
    // scanned as Latin-1, where every byte is one character and offsets stay exact.
    return { text: bytes.toString('latin1'), warning: 'not valid UTF-8; read as Latin-1' };
  }
}
