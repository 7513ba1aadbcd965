/**
 * Guesses the HTTP method of a URL in plain text from the spellings common in scripts, HTTP
 * files and SDKs near it. Each pattern captures the verb; the nearest match to the URL wins.
 */
const VERB = '(get|post|put|patch|delete)';

const PATTERNS: RegExp[] = [
  // HTTP request line in .http files and runbooks: POST https://...
  new RegExp(`(?:^|\\n)[ \\t]*${VERB}[ \\t]+`, 'gi'),
  // PowerShell, az rest, curl: -Method Post, --method get, -X POST, --request PATCH
  new RegExp(`(?:-Method|--method|--request|-X)\\s*[:=]?\\s*['"]?${VERB}\\b`, 'gi'),
  // JSON, JavaScript, Python keyword arguments, YAML: "method": "POST", method='post', method: GET
  new RegExp(`\\bmethod['"]?\\s*[:=]\\s*['"]?${VERB}\\b`, 'gi'),
  // Go, C#, Rust, Java constants: http.MethodPost, HttpMethod.Patch, Method::POST
  new RegExp(`(?:http\\.Method|HttpMethod\\.|Method::|Method\\.)${VERB}\\b`, 'gi'),
  // Client verbs: requests.post(, session.patch(, httpx.get(, client.PostAsync(, reqwest .put(
  new RegExp(`\\.${VERB}(?:Async|_async)?\\s*\\(`, 'gi'),
];

/**
 * Return the verb nearest to `at` within `window` (a slice of the text starting at
 * `windowStart`), or null.
 */
export function guessMethod(window: string, windowStart: number, at: number, urlEnd: number): string | null {
  let best: { verb: string; distance: number } | null = null;
  for (const pattern of PATTERNS) {
    pattern.lastIndex = 0;
    const isRequestLine = pattern === PATTERNS[0];
    for (const match of window.matchAll(pattern)) {
      const position = windowStart + match.index + match[0].length;
      if (isRequestLine) {
        // Only a verb directly before this URL on its own line counts.
        const between = window.slice(match.index + match[0].length, at - windowStart);
        if (between.trim() !== '' || position > at) {
          continue;
        }
      }
      const matchStart = windowStart + match.index;
      if (matchStart >= at && matchStart < urlEnd) {
        continue;
      }
      const distance = matchStart < at ? at - position : matchStart - urlEnd;
      if (!best || distance < best.distance) {
        best = { verb: match[1]!.toUpperCase(), distance };
      }
    }
  }
  return best?.verb ?? null;
}

/**
 * Characters searched on each side of a URL for its statement and neighbour lines. Minified
 * bundles put megabytes on one line. Without this bound every hit would scan the whole line, so
 * a file with many hits would take time quadratic in its size. Hand-written statements fit.
 */
export const MAX_WINDOW_CHARACTERS = 2_000;

/** Returns the start of the line containing `position - 1`, but not before `floor`. */
function lineStartAfter(text: string, position: number, floor: number): number {
  for (let i = position - 1; i >= floor; i--) {
    if (text.charCodeAt(i) === 10) {
      return i + 1;
    }
  }
  return floor;
}

/** Returns the first newline at or after `position`, or `ceiling` when none comes before it. */
function lineEndBefore(text: string, position: number, ceiling: number): number {
  for (let i = position; i < ceiling; i++) {
    if (text.charCodeAt(i) === 10) {
      return i;
    }
  }
  return ceiling;
}

/**
 * The statement around a URL: its line, plus lines joined to it by continuations (a trailing
 * backslash or backtick, an open bracket or a leading `-`/`.` on the next line), at most 6 lines
 * either way. It ends at most MAX_WINDOW_CHARACTERS from `at` on either side.
 */
export function statementWindow(text: string, at: number): { start: number; end: number } {
  const floor = Math.max(0, at - MAX_WINDOW_CHARACTERS);
  const ceiling = Math.min(text.length, at + MAX_WINDOW_CHARACTERS);
  let start = lineStartAfter(text, at, floor);
  for (let step = 0; step < 6 && start > floor; step++) {
    const previousStart = lineStartAfter(text, start - 1, floor);
    const previous = text.slice(previousStart, start - 1).trimEnd();
    const current = text.slice(start, lineEndBefore(text, start, ceiling)).trimStart();
    if (/[\\`(,{[|]$/.test(previous) || /^[-.|)]/.test(current)) {
      start = previousStart;
    } else {
      break;
    }
  }
  let end = lineEndBefore(text, at, ceiling);
  for (let step = 0; step < 6 && end < ceiling; step++) {
    const line = text.slice(lineStartAfter(text, end, floor), end).trimEnd();
    const nextEnd = lineEndBefore(text, end + 1, ceiling);
    const next = text.slice(end + 1, nextEnd).trimStart();
    if (/[\\`(,{[|]$/.test(line) || /^[-.|]/.test(next)) {
      end = nextEnd;
    } else {
      break;
    }
  }
  return { start, end };
}

/** Lines around a statement searched when the statement itself names no method. */
const NEIGHBOUR_LINES = 3;

/** The statement widened by a few lines on each side, stopping at blank lines and MAX_WINDOW_CHARACTERS. */
export function neighbourWindow(text: string, statement: { start: number; end: number }): { start: number; end: number } {
  const floor = Math.max(0, statement.start - MAX_WINDOW_CHARACTERS);
  const ceiling = Math.min(text.length, statement.end + MAX_WINDOW_CHARACTERS);
  let start = statement.start;
  for (let step = 0; step < NEIGHBOUR_LINES && start > floor; step++) {
    const previousStart = lineStartAfter(text, start - 1, floor);
    if (text.slice(previousStart, start).trim() === '') {
      break;
    }
    start = previousStart;
  }
  let end = statement.end;
  for (let step = 0; step < NEIGHBOUR_LINES && end < ceiling; step++) {
    const nextEnd = lineEndBefore(text, end + 1, ceiling);
    if (text.slice(end, nextEnd).trim() === '') {
      break;
    }
    end = nextEnd;
  }
  return { start, end };
}
