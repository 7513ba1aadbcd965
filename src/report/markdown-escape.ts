import { printable } from './terminal-text.js';

/**
 * Escaping for scanned text (file names, matched text, messages) in GitHub-flavoured Markdown,
 * so that it renders as the same characters and can start no link, image, HTML tag, heading,
 * list, table cell, emphasis, mention or issue reference.
 */

/**
 * ASCII punctuation with an inline meaning in CommonMark or on GitHub: code spans, emphasis,
 * links, images, HTML, entity references (`&`), strikethrough (`~`), table cells (`|`),
 * mentions (`@`) and issue references (`#`). Block syntax (`-`, `+`, `1.`, `>` at a line start)
 * needs no escape, because callers never put escaped text at the start of a line and line
 * breaks are removed. A backslash before ASCII punctuation renders that character.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>()#!|&~@]/g;

/**
 * Escapes text for a Markdown paragraph, list item or table cell. Line breaks and control
 * characters become spaces or U+FFFD first, because a line break could end a table row or
 * list item and start a block of the attacker's choosing.
 * NOTE: GitHub's rendering of `\@` as a plain `@` (no mention) is not in the GFM spec; code
 * spans are the sure way to keep a name from notifying anyone.
 */
export function escapeMarkdown(text: string): string {
  return printable(text).replace(MARKDOWN_SPECIAL, (character) => `\\${character}`);
}

/**
 * Puts text in a code span whose fence is one backtick longer than the longest backtick run
 * inside, so no content can close it. In a table cell (`inTable`), `|` is written `\|`, which
 * GFM turns back into `|` inside the span but which no longer splits the cell.
 */
export function codeSpan(text: string, inTable = false): string {
  let content = printable(text);
  if (inTable) content = content.replace(/\|/g, '\\|');
  if (content.length === 0) return '(empty)';

  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each side when both sides have one, so padding both sides
  // keeps a leading or trailing backtick apart from the fence and keeps the content's own spaces.
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * Formats a link to a documentation page: a Markdown link for an `https:` URL with no character
 * that could end the destination, and a code span for anything else (a rule folder passed with
 * `--rules` may hold any text).
 */
export function docsLink(url: string, label: string): string {
  if (/^https:\/\/[^\s<>()\\`]+$/.test(url)) {
    return `[${escapeMarkdown(label)}](<${url}>)`;
  }
  return codeSpan(url);
}
