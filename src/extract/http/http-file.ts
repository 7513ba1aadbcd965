import type { Span } from '../common/span.js';

/**
 * The structure of a `.http`/`.rest` file as the VS Code REST Client and JetBrains HTTP Client
 * read it: `@name = value` variables, requests separated by `###`, each a request line, optional
 * query continuation lines, headers, a blank line and a body. No grammar package exists for this
 * format, so it is read line by line.
 */

export interface HttpRequest {
  /** Upper-case method; `GET` when the request line names none, as both clients assume. */
  method: string;
  /** The URL as written: the request line's URL and each `?`/`&` continuation line. */
  url: Span[];
  headers: { name: string; value: Span }[];
  /** The body text up to the next request, without trailing blank lines. */
  body?: Span;
}

export interface HttpFile {
  variables: Map<string, Span>;
  requests: HttpRequest[];
  /** Comment lines (`#`, `//`) and separator titles, as [start, end) ranges. */
  comments: [number, number][];
}

const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT';
const REQUEST_LINE = new RegExp(`^([ \\t]*)(${METHODS})[ \\t]+(\\S.*?)(?:[ \\t]+HTTP\\/[\\d.]+)?[ \\t]*$`, 'i');
/** A request line without a method: the URL alone, which both clients send as GET. */
const BARE_URL_LINE = /^([ \t]*)((?:https?:\/\/|\{\{)\S*)(?:[ \t]+HTTP\/[\d.]+)?[ \t]*$/i;
const VARIABLE_LINE = /^[ \t]*@([\w.-]+)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const HEADER_LINE = /^[ \t]*([\w!#$%&'*+.^`|~-]+)[ \t]*:[ \t]*(.*?)[ \t]*$/;
const CONTINUATION_LINE = /^([ \t]+)([?&]\S.*?)(?:[ \t]+HTTP\/[\d.]+)?[ \t]*$/;
const SEPARATOR = /^[ \t]*###/;
const COMMENT_LINE = /^[ \t]*(#|\/\/)/;

interface Line {
  text: string;
  offset: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset });
    offset += raw.length + 1;
  }
  return lines;
}

function parseRequestLine(line: Line): HttpRequest | null {
  const withMethod = REQUEST_LINE.exec(line.text);
  if (withMethod) {
    const urlOffset = line.offset + line.text.indexOf(withMethod[3]!, withMethod[1]!.length + withMethod[2]!.length);
    return { method: withMethod[2]!.toUpperCase(), url: [{ text: withMethod[3]!, offset: urlOffset }], headers: [] };
  }
  const bare = BARE_URL_LINE.exec(line.text);
  if (bare) {
    return { method: 'GET', url: [{ text: bare[2]!, offset: line.offset + bare[1]!.length }], headers: [] };
  }
  return null;
}

/** Read the variables, requests and comments of an HTTP file. */
export function parseHttpFile(text: string): HttpFile {
  const file: HttpFile = { variables: new Map(), requests: [], comments: [] };
  let state: 'idle' | 'url' | 'headers' | 'body' = 'idle';
  let request: HttpRequest | null = null;
  let bodyLines: Line[] = [];

  const finish = (): void => {
    if (request && bodyLines.length > 0) {
      while (bodyLines.length > 0 && bodyLines.at(-1)!.text.trim() === '') {
        bodyLines.pop();
      }
      const first = bodyLines[0];
      const last = bodyLines.at(-1);
      if (first && last) {
        request.body = { text: text.slice(first.offset, last.offset + last.text.length), offset: first.offset };
      }
    }
    request = null;
    bodyLines = [];
    state = 'idle';
  };

  for (const line of splitLines(text)) {
    if (SEPARATOR.test(line.text)) {
      finish();
      file.comments.push([line.offset, line.offset + line.text.length]);
      continue;
    }
    if (state === 'body') {
      // A new request line ends a body even without `###`, as in files that list requests
      // separated by blank lines; JSON, XML and form bodies never start a line this way.
      const next = REQUEST_LINE.exec(line.text) ? parseRequestLine(line) : null;
      if (next) {
        finish();
        request = next;
        file.requests.push(next);
        state = 'url';
        continue;
      }
      bodyLines.push(line);
      continue;
    }
    if (COMMENT_LINE.test(line.text)) {
      file.comments.push([line.offset, line.offset + line.text.length]);
      continue;
    }
    if (state === 'idle') {
      const variable = VARIABLE_LINE.exec(line.text);
      if (variable) {
        const value = variable[2]!;
        file.variables.set(variable[1]!, { text: value, offset: line.offset + line.text.lastIndexOf(value) });
        continue;
      }
      if (line.text.trim() === '') {
        continue;
      }
      request = parseRequestLine(line);
      if (request) {
        file.requests.push(request);
        state = 'url';
      }
      continue;
    }
    if (line.text.trim() === '') {
      state = 'body';
      continue;
    }
    const continuation = state === 'url' ? CONTINUATION_LINE.exec(line.text) : null;
    if (continuation && request) {
      request.url.push({ text: continuation[2]!, offset: line.offset + continuation[1]!.length });
      continue;
    }
    const header = HEADER_LINE.exec(line.text);
    if (header && request) {
      request.headers.push({ name: header[1]!, value: { text: header[2]!, offset: line.offset + line.text.lastIndexOf(header[2]!) } });
      state = 'headers';
      continue;
    }
    // Anything else right after the headers is the body, as when a client omits the blank line.
    state = 'body';
    bodyLines.push(line);
  }
  finish();
  return file;
}
