import { Scalar } from 'yaml';
import { decodeJsonString } from '../common/json-string.js';
import type { OffsetMap } from '../common/url-text.js';

/** Where a scalar's content sits in the file, without quotes or a block header. */
export interface ScalarSource {
  start: number;
  end: number;
  /** True for `|` and `>` block scalars. */
  block: boolean;
}

/** The file range of a scalar's content, or undefined when the parser gave no range. */
export function scalarSource(scalar: Scalar, text: string): ScalarSource | undefined {
  const range = scalar.range;
  if (!range) {
    return undefined;
  }
  const [start, end] = range;
  if (scalar.type === Scalar.BLOCK_LITERAL || scalar.type === Scalar.BLOCK_FOLDED) {
    // Content starts on the line after the `|`/`>` header (which may carry a comment).
    const newline = text.indexOf('\n', start);
    return { start: newline === -1 ? end : Math.min(newline + 1, end), end, block: true };
  }
  if (scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE) {
    return { start: start + 1, end: Math.max(start + 1, end - 1), block: false };
  }
  return { start, end, block: false };
}

/**
 * The value of a one-line scalar with the file offset of each character: plain scalars are
 * verbatim, single-quoted ones double `''`, double-quoted ones use backslash escapes (read with
 * the JSON rules, which cover the escapes a URL needs).
 */
export function oneLineValue(scalar: Scalar, source: ScalarSource, text: string): { text: string; offsets: OffsetMap } | undefined {
  const raw = text.slice(source.start, source.end);
  if (source.block || raw.includes('\n')) {
    return undefined;
  }
  if (scalar.type === Scalar.QUOTE_DOUBLE) {
    return decodeJsonString(raw, source.start);
  }
  if (scalar.type === Scalar.QUOTE_SINGLE) {
    let value = '';
    const origins: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      value += raw[i]!;
      origins.push(source.start + i);
      if (raw[i] === "'" && raw[i + 1] === "'") {
        i += 1;
      }
    }
    return { text: value, offsets: (index) => origins[index] };
  }
  return { text: raw, offsets: (index) => source.start + index };
}
