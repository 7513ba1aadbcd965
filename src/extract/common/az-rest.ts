import type { UrlPart } from '../../model/call-site.js';

/** The request an `az rest` command line sends. */
export interface AzRestRequest {
  url: UrlPart[];
  /** Upper case; `az rest` sends GET when `--method` is absent. */
  method: string | null;
  /** The `--body` value as written (JSON text or `@file`), when given. */
  body?: UrlPart[];
}

const METHOD_FLAGS = new Set(['--method', '-m']);
const URL_FLAGS = new Set(['--url', '--uri', '-u']);
const BODY_FLAGS = new Set(['--body', '-b']);

function wordText(word: readonly UrlPart[]): string | undefined {
  let text = '';
  for (const part of word) {
    if (part.kind !== 'literal') {
      return undefined;
    }
    text += part.text;
  }
  return text;
}

/** Drops the first `count` characters of a word, keeping offsets right (for `--url=...`). */
function dropPrefix(word: readonly UrlPart[], count: number): UrlPart[] {
  const first = word[0];
  if (first?.kind !== 'literal' || first.text.length < count) {
    return [...word];
  }
  const rest: UrlPart = { ...first, text: first.text.slice(count) };
  if (first.offset !== undefined) {
    rest.offset = first.offset + count;
  }
  return [...(rest.text ? [rest] : []), ...word.slice(1)];
}

/**
 * Reads `az rest` arguments from the words of a command line (`az`, `rest`, `--method`, `post`,
 * `--url`, ...). Returns undefined unless the words contain `az rest` and a URL.
 */
export function readAzRest(words: readonly UrlPart[][]): AzRestRequest | undefined {
  const start = words.findIndex((word, index) => wordText(word) === 'az' && wordText(words[index + 1] ?? []) === 'rest');
  if (start === -1) {
    return undefined;
  }
  let url: UrlPart[] | undefined;
  let method: string | null = 'GET';
  let body: UrlPart[] | undefined;
  for (let i = start + 2; i < words.length; i++) {
    const word = words[i]!;
    const text = wordText(word.slice(0, 1)) ?? '';
    const equals = text.startsWith('-') ? text.indexOf('=') : -1;
    const flag = equals > 0 ? text.slice(0, equals) : wordText(word);
    if (flag === undefined) {
      continue;
    }
    const takesValue = METHOD_FLAGS.has(flag) || URL_FLAGS.has(flag) || BODY_FLAGS.has(flag);
    if (!takesValue) {
      continue;
    }
    const value = equals > 0 ? dropPrefix(word, equals + 1) : words[i + 1];
    if (equals <= 0) {
      i += 1;
    }
    if (!value) {
      break;
    }
    if (METHOD_FLAGS.has(flag)) {
      const methodText = wordText(value);
      method = methodText ? methodText.toUpperCase() : null;
    } else if (URL_FLAGS.has(flag)) {
      url = value;
    } else {
      body = value;
    }
  }
  if (!url) {
    return undefined;
  }
  return body ? { url, method, body } : { url, method };
}

/**
 * Splits a command line held in URL parts (`os.system(f"az rest --url {u}")`) into shell
 * words: whitespace separates words outside quotes, quotes are removed, and a dynamic part
 * joins the word it touches.
 * NOTE: backslash escapes and `$(...)` inside the text are kept as written, not interpreted.
 */
export function splitShellWords(parts: readonly UrlPart[]): UrlPart[][] {
  const words: UrlPart[][] = [];
  let word: UrlPart[] = [];
  let inWord = false;
  let quote: string | null = null;
  const endWord = (): void => {
    if (inWord) {
      words.push(word);
    }
    word = [];
    inWord = false;
  };
  const addChar = (char: string, offset: number | undefined, resolvedFrom: string | undefined): void => {
    inWord = true;
    const last = word.at(-1);
    if (last?.kind === 'literal' && (last.offset === undefined || offset === undefined || last.offset + last.text.length === offset)) {
      last.text += char;
      return;
    }
    const part: UrlPart = { kind: 'literal', text: char };
    if (offset !== undefined) {
      part.offset = offset;
    }
    if (resolvedFrom) {
      part.resolvedFrom = resolvedFrom;
    }
    word.push(part);
  };
  for (const part of parts) {
    if (part.kind === 'dynamic') {
      inWord = true;
      word.push(part);
      continue;
    }
    for (let i = 0; i < part.text.length; i++) {
      const char = part.text[i]!;
      const offset = part.offset === undefined ? undefined : part.offset + i;
      if (quote) {
        if (char === quote) {
          quote = null;
        } else {
          addChar(char, offset, part.resolvedFrom);
        }
      } else if (char === '"' || char === "'") {
        quote = char;
        inWord = true;
      } else if (/\s/.test(char)) {
        endWord();
      } else {
        addChar(char, offset, part.resolvedFrom);
      }
    }
  }
  endWord();
  return words;
}
