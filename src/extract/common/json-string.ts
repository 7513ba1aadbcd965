import type { Node } from 'jsonc-parser';
import type { OffsetMap } from './url-text.js';

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decode the source of a JSON string literal (without its quotes) and map each decoded
 * character to its file offset, so a URL with `\/` or `\"` inside keeps exact positions.
 */
export function decodeJsonString(raw: string, rawStart: number): { text: string; offsets: OffsetMap } {
  let text = '';
  const origins: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const char = raw[i]!;
    if (char === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1]!;
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
        text += String.fromCharCode(Number.parseInt(raw.slice(i + 2, i + 6), 16));
        origins.push(rawStart + i);
        i += 6;
        continue;
      }
      text += SIMPLE_ESCAPES[next] ?? next;
      origins.push(rawStart + i);
      i += 2;
      continue;
    }
    text += char;
    origins.push(rawStart + i);
    i += 1;
  }
  return { text, offsets: (index) => origins[index] };
}

/** The decoded value of a string node and the file offset of each of its characters. */
export function stringNodeText(node: Node, fileText: string): { text: string; offsets: OffsetMap } {
  const rawStart = node.offset + 1;
  const rawEnd = node.offset + node.length - 1;
  if (fileText[node.offset] !== '"' || rawEnd < rawStart) {
    // A recovered node without quotes: use its value with positions from its start.
    const text = typeof node.value === 'string' ? node.value : '';
    return { text, offsets: (index) => node.offset + index };
  }
  return decodeJsonString(fileText.slice(rawStart, rawEnd), rawStart);
}
