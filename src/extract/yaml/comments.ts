import { Parser } from 'yaml';

/** CST tokens nested deeper than this are not searched for comments. */
const MAX_TOKEN_DEPTH = 256;

/**
 * Comment ranges of a YAML file, read from the `yaml` package's concrete syntax tree, so a `#`
 * inside a quoted string or a block scalar (a script) is not taken for a comment.
 */
export function commentRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const stack: { value: unknown; depth: number }[] = [];
  try {
    for (const token of new Parser().parse(text)) {
      stack.push({ value: token, depth: 0 });
    }
  } catch {
    return [];
  }
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_TOKEN_DEPTH || value === null || typeof value !== 'object') {
      continue;
    }
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      ranges.push([token.offset, token.offset + token.source.length]);
      continue;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === 'object') {
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}
