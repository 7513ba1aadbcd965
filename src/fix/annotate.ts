import type { LineStartCheck } from './annotate-context.js';
import type { Edit, FixOutcome } from './edits.js';

/** Comment syntax per file extension: a line comment prefix. */
function commentPrefix(relativePath: string): string | undefined {
  const extension = /\.([^./]+)$/.exec(relativePath)?.[1]?.toLowerCase() ?? '';
  if (['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'cs', 'go', 'java', 'kt', 'rs', 'php', 'c', 'cpp', 'swift', 'scala'].includes(extension)) return '//';
  if (['ps1', 'psm1', 'psd1', 'py', 'sh', 'bash', 'rb', 'tf', 'yaml', 'yml', 'r', 'pl'].includes(extension)) return '#';
  if (['sql', 'lua'].includes(extension)) return '--';
  return undefined;
}

export const ANNOTATION_MARK = 'pim-migrate fix:';

/**
 * Inserts one comment line above each call the fix left, naming what to change, where `allowed`
 * permits a line. A line that already carries the same comment is not annotated again, so a
 * second run changes nothing.
 */
export function annotationEdits(text: string, relativePath: string, left: readonly FixOutcome[], allowed: LineStartCheck): Edit[] {
  const prefix = commentPrefix(relativePath);
  if (!prefix) {
    return [];
  }
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStarts = [0];
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) === 10) lineStarts.push(index + 1);
  }
  const edits: Edit[] = [];
  const seen = new Set<number>();
  for (const outcome of left) {
    const line = outcome.finding.line - 1;
    const start = lineStarts[line];
    // A finding inside an annotation or another comment needs no comment of its own.
    if (start === undefined || seen.has(line) || outcome.finding.inComment || !allowed(start)) {
      continue;
    }
    seen.add(line);
    const indent = /^[ \t]*/.exec(text.slice(start))![0];
    const comment = `${prefix} ${ANNOTATION_MARK} ${outcome.finding.ruleId}: ${outcome.reason ?? 'migrate by hand'}`;
    const previousStart = line > 0 ? lineStarts[line - 1]! : undefined;
    const previous = previousStart === undefined ? '' : text.slice(previousStart, start).trim();
    if (previous === comment) {
      continue;
    }
    edits.push({ start, end: start, text: `${indent}${comment}${newline}` });
  }
  return edits;
}
