import MarkdownIt from 'markdown-it';

/** A fenced or indented code block: where its content sits in the file and what it holds. */
export interface CodeRegion {
  /** Info string of a fence; empty for an indented code block. */
  info: string;
  /** Offset of the first content line in the file. */
  start: number;
  /** Offset just past the last content line (before its line break). */
  end: number;
  /**
   * The file slice `start..end` with container markers (`>` of a block quote, list indentation)
   * replaced by spaces, so it has the same length and line layout as the file.
   */
  text: string;
}

const markdown = new MarkdownIt({ html: true });

/** Start offset of every line, splitting at `\r\n`, `\r` and `\n` as markdown-it does. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n?|\n/g)) {
    starts.push(match.index + match[0].length);
  }
  return starts;
}

/** The line `index` without its line break. */
function lineText(text: string, starts: readonly number[], index: number): string {
  const from = starts[index]!;
  const next = starts[index + 1];
  return text.slice(from, next === undefined ? text.length : next).replace(/\r?\n$|\r$/, '');
}

/**
 * Code blocks of a Markdown document, found by markdown-it. Offsets come from each token's line
 * map: a closed fence spans `map[0]` (opening line) to `map[1] - 1` (closing line), so its
 * content is the lines in between. An unclosed fence runs to the end of its container.
 */
export function codeRegions(text: string): CodeRegion[] {
  const starts = lineStarts(text);
  const regions: CodeRegion[] = [];
  for (const token of markdown.parse(text, {})) {
    if ((token.type !== 'fence' && token.type !== 'code_block') || !token.map) {
      continue;
    }
    const [open, close] = token.map;
    const contentLines = token.content.split('\n');
    if (contentLines.at(-1) === '') {
      contentLines.pop();
    }
    const first = token.type === 'fence' ? open + 1 : open;
    const last = first + contentLines.length - 1;
    if (contentLines.length === 0 || last >= close || last >= starts.length) {
      continue;
    }
    const lines: string[] = [];
    for (let index = first; index <= last; index++) {
      const source = lineText(text, starts, index);
      const content = contentLines[index - first]!;
      // markdown-it strips container markers and indentation from each line; masking them with
      // spaces keeps every offset while the embedded extractor sees only code.
      lines.push(source.endsWith(content) ? ' '.repeat(source.length - content.length) + content : source);
    }
    const start = starts[first]!;
    const end = starts[last]! + lineText(text, starts, last).length;
    // Join with the file's own line breaks so the masked text keeps the file's length.
    let masked = '';
    for (let index = first; index <= last; index++) {
      masked += lines[index - first]!;
      if (index < last) {
        masked += text.slice(starts[index]! + lineText(text, starts, index).length, starts[index + 1]!);
      }
    }
    regions.push({ info: token.type === 'fence' ? token.info : '', start, end, text: masked });
  }
  return regions;
}
