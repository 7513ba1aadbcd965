import { createTwoFilesPatch } from 'diff';

/** A unified diff of one file, with `a/` and `b/` prefixes as git prints them. */
export function unifiedDiff(relativePath: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${relativePath}`, `b/${relativePath}`, before, after, undefined, undefined, { context: 3 });
}
