/**
 * Comment and prose ranges of a file, found by a small lexer that knows only each language's
 * comment and string delimiters. It is approximate by design (no grammar), which is why the
 * generic extractor reports low confidence.
 */

export type Range = [start: number, end: number];

interface Syntax {
  line: string[];
  block: [string, string][];
  /** String delimiters; a backslash escapes inside them unless `escape` says otherwise. */
  quotes: string[];
  escape: string;
}

const HASH: Syntax = { line: ['#'], block: [], quotes: ['"', "'"], escape: '\\' };
const SLASH: Syntax = { line: ['//'], block: [['/*', '*/']], quotes: ['"', "'", '`'], escape: '\\' };

const SYNTAX: Record<string, Syntax> = {
  powershell: { line: ['#'], block: [['<#', '#>']], quotes: ['"', "'"], escape: '`' },
  python: HASH,
  shell: HASH,
  yaml: HASH,
  ruby: HASH,
  perl: HASH,
  r: HASH,
  toml: HASH,
  makefile: HASH,
  dockerfile: HASH,
  terraform: { line: ['#', '//'], block: [['/*', '*/']], quotes: ['"'], escape: '\\' },
  csharp: SLASH,
  go: SLASH,
  java: SLASH,
  kotlin: SLASH,
  rust: { ...SLASH, quotes: ['"'] },
  swift: SLASH,
  scala: SLASH,
  groovy: SLASH,
  typescript: SLASH,
  javascript: SLASH,
  vue: SLASH,
  svelte: SLASH,
  bicep: { ...SLASH, quotes: ["'"] },
  php: { line: ['//', '#'], block: [['/*', '*/']], quotes: ['"', "'"], escape: '\\' },
  json: SLASH,
  sql: { line: ['--'], block: [['/*', '*/']], quotes: ["'"], escape: '\\' },
  lua: { line: ['--'], block: [], quotes: ['"', "'"], escape: '\\' },
  batch: { line: ['REM ', 'rem ', '::'], block: [], quotes: ['"'], escape: '^' },
  html: { line: [], block: [['<!--', '-->']], quotes: [], escape: '\\' },
  xml: { line: [], block: [['<!--', '-->']], quotes: [], escape: '\\' },
  ini: { line: [';', '#'], block: [], quotes: [], escape: '\\' },
};

/** Comment ranges of `text` in `language`; documentation prose counts as comment. */
export function commentRanges(text: string, language: string): Range[] {
  if (language === 'markdown') {
    return markdownProse(text);
  }
  const syntax = SYNTAX[language];
  return syntax ? lex(text, syntax) : [];
}

/** First characters of each syntax's comment markers and quotes, computed once per syntax. */
const startCharacters = new WeakMap<Syntax, Set<string>>();

function startCharactersOf(syntax: Syntax): Set<string> {
  let characters = startCharacters.get(syntax);
  if (!characters) {
    const markers = [...syntax.line, ...syntax.block.map(([open]) => open), ...syntax.quotes];
    characters = new Set(markers.filter((marker) => marker.length > 0).map((marker) => marker[0]!));
    startCharacters.set(syntax, characters);
  }
  return characters;
}

function lex(text: string, syntax: Syntax): Range[] {
  const ranges: Range[] = [];
  const starts = startCharactersOf(syntax);
  let i = 0;
  while (i < text.length) {
    // Only the first character of a marker or quote can open a comment or string.
    if (!starts.has(text[i]!)) {
      i += 1;
      continue;
    }
    const block = syntax.block.find(([open]) => text.startsWith(open, i));
    if (block) {
      const close = text.indexOf(block[1], i + block[0].length);
      const end = close === -1 ? text.length : close + block[1].length;
      ranges.push([i, end]);
      i = end;
      continue;
    }
    const line = syntax.line.find((marker) => text.startsWith(marker, i));
    if (line && startsComment(text, i, line)) {
      const newline = text.indexOf('\n', i);
      const end = newline === -1 ? text.length : newline;
      ranges.push([i, end]);
      i = end;
      continue;
    }
    const char = text[i]!;
    if (syntax.quotes.includes(char)) {
      i = skipString(text, i, char, syntax.escape);
      continue;
    }
    i += 1;
  }
  return ranges;
}

/** `#` inside a word (`$#`, `a#b`) is not a comment in shells and PowerShell. */
function startsComment(text: string, at: number, marker: string): boolean {
  if (marker !== '#') {
    return true;
  }
  const before = text[at - 1];
  return before === undefined || /[\s;({]/.test(before);
}

/**
 * Skip a string literal from its opening quote. Backtick strings and Python triple quotes may
 * span lines; other strings end at a newline, which limits the damage of an unclosed quote.
 */
function skipString(text: string, open: number, quote: string, escape: string): number {
  const triple = text.startsWith(quote.repeat(3), open);
  const closer = triple ? quote.repeat(3) : quote;
  const multiline = triple || quote === '`';
  let i = open + closer.length;
  while (i < text.length) {
    const char = text[i]!;
    if (char === escape) {
      i += 2;
      continue;
    }
    if (char === '\n' && !multiline) {
      return i;
    }
    if (text.startsWith(closer, i)) {
      // A doubled quote ('' in PowerShell and SQL) stays inside the string.
      if (!triple && text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + closer.length;
    }
    i += 1;
  }
  return text.length;
}

/** Markdown: everything outside fenced code blocks is prose. */
function markdownProse(text: string): Range[] {
  const ranges: Range[] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let proseStart = 0;
  let open: string | null = null;
  for (const match of text.matchAll(fence)) {
    const marker = match[1]!;
    if (open === null) {
      ranges.push([proseStart, match.index]);
      open = marker[0]!.repeat(marker.length);
    } else if (marker.startsWith(open) && match[0].trim() === marker) {
      open = null;
      proseStart = match.index + match[0].length;
    }
  }
  if (open === null) {
    ranges.push([proseStart, text.length]);
  }
  return ranges.filter(([start, end]) => end > start);
}

export function inRanges(ranges: readonly Range[], offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ranges[mid]!;
    if (offset < start) {
      high = mid - 1;
    } else if (offset >= end) {
      low = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}
