import type { UrlPart } from '../../model/call-site.js';

/**
 * Finds URL-like tokens around a signature in plain text, with the placeholders of many
 * languages turned into dynamic parts: `${x}`, `$(x)`, `{0}`, `{name}`, `%s`, `%v`, `$name`,
 * `@{...}`. Works on any text, so it knows no grammar: it is the low-confidence fallback.
 */

/** Placeholder patterns, tried at the current position (left to right). */
const PLACEHOLDER = /^(?:\$\{[^}\n]{0,200}\}|@\{[^}\n]{0,200}\}|\$\([^)\n]{0,200}\)|\{[^}\s]{0,100}\}|%[sdvq]|%\([a-z_]\w*\)s|\$[A-Za-z_][\w:]*(?:\.[A-Za-z_]\w*)*)/;

/** Characters that may appear inside a URL path or host. */
const URL_CHAR = /[A-Za-z0-9._~:/@%!*+,;=\-]/;

/** Characters that may appear in a query string, up to the closing quote. */
const QUERY_STOP = /[\s"'`<>\\]/;

export interface UrlToken {
  parts: UrlPart[];
  /** Offset of the token's first character. */
  start: number;
  /** Offset just past the token. */
  end: number;
}

/**
 * Expand from a signature found at `at` to the whole URL token. Left: host, scheme and
 * placeholders. Right: path, placeholders and query. A quote right before the token sets the
 * query's end (a `"`-quoted URL may hold `'` in its filter).
 */
export function readUrlToken(text: string, at: number): UrlToken {
  const start = scanLeft(text, at);
  const opener = text[start - 1];
  const quote = opener === '"' || opener === "'" || opener === '`' ? opener : undefined;

  const parts: UrlPart[] = [];
  let literal = '';
  let literalStart = start;
  const flush = (): void => {
    if (literal) {
      parts.push({ kind: 'literal', text: literal, offset: literalStart });
    }
    literal = '';
  };

  let i = start;
  let inQuery = false;
  while (i < text.length) {
    const rest = text.slice(i, i + 220);
    const placeholder = PLACEHOLDER.exec(rest);
    if (placeholder && !(inQuery && placeholder[0].startsWith('$') && /^\$(filter|select|expand|top|skip|orderby|count|search)\b/i.test(placeholder[0]))) {
      flush();
      parts.push({ kind: 'dynamic', name: placeholder[0], offset: i });
      i += placeholder[0].length;
      literalStart = i;
      continue;
    }
    const char = text[i]!;
    if (char === '?' && !inQuery) {
      inQuery = true;
    } else if (inQuery) {
      if (char === '\n' || (quote ? char === quote : QUERY_STOP.test(char))) {
        break;
      }
      // PowerShell escapes `$filter` as `` `$filter `` inside double quotes.
      if (char === '`') {
        i += 1;
        continue;
      }
    } else if (char === '(' ) {
      // Function segments such as isSignedUp() or filterByCurrentUser(on='principal').
      const close = text.indexOf(')', i);
      if (close === -1 || close - i > 80 || text.slice(i, close).includes('\n')) {
        break;
      }
      if (!literal) {
        literalStart = i;
      }
      literal += text.slice(i, close + 1);
      i = close + 1;
      continue;
    } else if (!URL_CHAR.test(char)) {
      break;
    }
    if (!literal) {
      literalStart = i;
    }
    literal += char;
    i += 1;
  }
  // Sentence punctuation after a URL in prose or a list ("see /privilegedRoles, then ...")
  // is not part of the path.
  if (!inQuery) {
    const trimmed = literal.replace(/[.,;:!*+=]+$/, '');
    i -= literal.length - trimmed.length;
    literal = trimmed;
  }
  flush();
  return { parts, start, end: i };
}

/** Walk left from `at` over URL characters and balanced placeholders. */
function scanLeft(text: string, at: number): number {
  let i = at;
  while (i > 0) {
    const char = text[i - 1]!;
    if (char === '}' || char === ')') {
      const open = char === '}' ? '{' : '(';
      const openAt = text.lastIndexOf(open, i - 1);
      if (openAt === -1 || i - openAt > 200 || text.slice(openAt, i).includes('\n')) {
        break;
      }
      let begin = openAt;
      if (text[begin - 1] === '$' || text[begin - 1] === '@') {
        begin -= 1;
      }
      i = begin;
      continue;
    }
    if (char === '$' || URL_CHAR.test(char)) {
      if (char === '=' || char === ',' || char === ';' || char === '+' || char === '*' || char === '!') {
        break;
      }
      i -= 1;
      continue;
    }
    break;
  }
  return i;
}
