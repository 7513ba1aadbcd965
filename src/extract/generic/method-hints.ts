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
 * The statement around a URL: its line, plus lines joined to it by continuations (a trailing
 * backslash or backtick, an open bracket or a leading `-`/`.` on the next line), at most 6 lines
 * either way.
 */
export function statementWindow(text: string, at: number): { start: number; end: number } {
  let start = text.lastIndexOf('\n', at - 1) + 1;
  for (let step = 0; step < 6 && start > 0; step++) {
    const previousStart = text.lastIndexOf('\n', start - 2) + 1;
    const previous = text.slice(previousStart, start - 1).trimEnd();
    const current = text.slice(start, text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start)).trimStart();
    if (/[\\`(,{[|]$/.test(previous) || /^[-.|)]/.test(current)) {
      start = previousStart;
    } else {
      break;
    }
  }
  let end = text.indexOf('\n', at);
  end = end === -1 ? text.length : end;
  for (let step = 0; step < 6 && end < text.length; step++) {
    const line = text.slice(text.lastIndexOf('\n', end - 1) + 1, end).trimEnd();
    const nextEnd = text.indexOf('\n', end + 1) === -1 ? text.length : text.indexOf('\n', end + 1);
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

/** The statement widened by a few lines on each side, stopping at blank lines. */
export function neighbourWindow(text: string, statement: { start: number; end: number }): { start: number; end: number } {
  let start = statement.start;
  for (let step = 0; step < NEIGHBOUR_LINES && start > 0; step++) {
    const previousStart = text.lastIndexOf('\n', start - 2) + 1;
    if (text.slice(previousStart, start).trim() === '') {
      break;
    }
    start = previousStart;
  }
  let end = statement.end;
  for (let step = 0; step < NEIGHBOUR_LINES && end < text.length; step++) {
    const nextEnd = text.indexOf('\n', end + 1) === -1 ? text.length : text.indexOf('\n', end + 1);
    if (text.slice(end, nextEnd).trim() === '') {
      break;
    }
    end = nextEnd;
  }
  return { start, end };
}
