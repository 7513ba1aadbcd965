import type { Colors } from './colors.js';
import { redactSecrets, redactSecretsWithMap } from './redact.js';
import { isUnsafeCodePoint } from './terminal-text.js';

/** A source range: 1-based lines and columns in UTF-16 code units, `endColumn` exclusive. */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CodeFrameOptions {
  /** Lines shown before and after the span's first line. */
  contextLines: number;
  /** Columns available for the frame, gutter included. */
  maxWidth: number;
  colors: Colors;
}

/** Columns a tab advances to (the next multiple of this). */
const TAB_WIDTH = 4;
/** Columns of code kept left of the span when a long line is cut. */
const LEFT_CONTEXT = 16;
const ELLIPSIS = '…';

/**
 * A source line as terminal cells, one string per column, with the column where each UTF-16
 * code unit starts (`columnOf` has one extra entry for the end of the line).
 * NOTE: wide characters (CJK, most emoji) count as one column, so a caret after them on the
 * same line drifts right by one column per wide character.
 */
interface DisplayLine {
  cells: string[];
  columnOf: number[];
}

function toDisplayLine(line: string): DisplayLine {
  const cells: string[] = [];
  const columnOf: number[] = [];
  let index = 0;

  while (index < line.length) {
    const codePoint = line.codePointAt(index) ?? 0;
    const units = codePoint > 0xffff ? 2 : 1;
    for (let unit = 0; unit < units; unit++) columnOf.push(cells.length);

    if (codePoint === 0x09) {
      const spaces = TAB_WIDTH - (cells.length % TAB_WIDTH);
      for (let space = 0; space < spaces; space++) cells.push(' ');
    } else if (isUnsafeCodePoint(codePoint)) {
      cells.push('\uFFFD');
    } else {
      cells.push(String.fromCodePoint(codePoint));
    }
    index += units;
  }
  columnOf.push(cells.length);
  return { cells, columnOf };
}

/**
 * Splits source text into lines as the matcher numbers them: at LF only, so a lone CR does not
 * start a line. The CR of a CRLF is dropped.
 */
export function splitLines(source: string): string[] {
  return source.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/**
 * Renders the span's first line with `contextLines` lines either side, line numbers in the
 * gutter, a `>` on the span's line and a caret line under the span. Returns no lines when the
 * span's line is not in the source (the file changed since the scan). Lines longer than
 * `maxWidth` are cut to a window around the span, with `…` where text was left out. Secret
 * values in the shown lines become `***` (see `redact.ts`), and the span moves with them.
 */
export function renderCodeFrame(lines: readonly string[], sourceSpan: SourceSpan, options: CodeFrameOptions): string[] {
  const { colors } = options;
  const target = sourceSpan.line - 1;
  if (target < 0 || target >= lines.length) return [];

  const redactedTarget = redactSecretsWithMap(lines[target] ?? '');
  const span: SourceSpan = {
    ...sourceSpan,
    column: redactedTarget.mapIndex(sourceSpan.column - 1) + 1,
    endColumn: sourceSpan.endLine > sourceSpan.line ? sourceSpan.endColumn : redactedTarget.mapIndex(sourceSpan.endColumn - 1) + 1,
  };

  const first = Math.max(0, target - options.contextLines);
  const last = Math.min(lines.length - 1, target + options.contextLines);
  const numberWidth = String(last + 1).length;
  // Gutter: marker, space, right-aligned line number, " | ".
  const gutterWidth = 2 + numberWidth + 3;
  const codeWidth = Math.max(8, options.maxWidth - gutterWidth);

  const targetLine = toDisplayLine(redactedTarget.text);
  const lineEnd = targetLine.cells.length;
  const spanStart = columnAt(targetLine, span.column - 1);
  const spanEnd = span.endLine > span.line ? lineEnd : Math.max(spanStart + 1, columnAt(targetLine, span.endColumn - 1));

  const windowStart = chooseWindowStart(lineEnd, spanStart, spanEnd, codeWidth);
  const output: string[] = [];

  for (let index = first; index <= last; index++) {
    const display = index === target ? targetLine : toDisplayLine(redactSecrets(lines[index] ?? ''));
    const cut = cutToWindow(display.cells, windowStart, codeWidth);
    const number = String(index + 1).padStart(numberWidth);
    if (index !== target) {
      output.push(`  ${colors.dim(`${number} |`)} ${cut.text}`.trimEnd());
      continue;
    }

    output.push(`${colors.bold(colors.red('>'))} ${colors.bold(number)} ${colors.dim('|')} ${cut.text}`);
    const caretStart = Math.max(spanStart, windowStart);
    const caretEnd = Math.max(caretStart + 1, Math.min(spanEnd, cut.visibleEnd));
    const lead = caretStart - windowStart + (windowStart > 0 ? ELLIPSIS.length : 0);
    const carets = '^'.repeat(caretEnd - caretStart);
    output.push(`  ${' '.repeat(numberWidth)} ${colors.dim('|')} ${' '.repeat(lead)}${colors.red(carets)}`);
  }
  return output;
}

/** Display column of a 0-based code-unit index, clamped to the line. */
function columnAt(line: DisplayLine, unitIndex: number): number {
  const clamped = Math.min(Math.max(unitIndex, 0), line.columnOf.length - 1);
  return line.columnOf[clamped] ?? 0;
}

/**
 * Returns the first column to show, so that the span's line fits in `width` columns with an
 * ellipsis on each cut side. The same start applies to the context lines, to keep them aligned.
 */
function chooseWindowStart(lineLength: number, spanStart: number, spanEnd: number, width: number): number {
  if (lineLength <= width) return 0;
  // Without a left cut, only the right ellipsis takes a column.
  if (spanEnd <= width - ELLIPSIS.length) return 0;

  const start = Math.max(0, spanStart - LEFT_CONTEXT);
  // Near the line end, show as much as fits instead of leaving the right side empty.
  return Math.min(start, Math.max(0, lineLength - (width - ELLIPSIS.length)));
}

/**
 * Cuts a line to `width` columns from `start`, marking hidden text with an ellipsis on each
 * side. `visibleEnd` is the column after the last one shown.
 */
function cutToWindow(cells: readonly string[], start: number, width: number): { text: string; visibleEnd: number } {
  // The left mark takes one column whenever the window is shifted, so carets stay aligned;
  // hidden indentation gets a space instead of an ellipsis.
  let before = '';
  if (start > 0) {
    before = cells.slice(0, start).some((cell) => cell !== ' ') ? ELLIPSIS : ' ';
  }
  const room = width - before.length;

  if (cells.length - start <= room) {
    return { text: `${before}${cells.slice(start).join('')}`, visibleEnd: cells.length };
  }
  const visibleEnd = start + room - ELLIPSIS.length;
  return { text: `${before}${cells.slice(start, visibleEnd).join('')}${ELLIPSIS}`, visibleEnd };
}
