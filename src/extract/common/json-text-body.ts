import type { BodyEvidence } from '../../model/call-site.js';

/**
 * Stands for a value the script fills in at run time (a shell variable in a heredoc, an
 * f-string field). A private-use character cannot appear in real JSON keys or values by chance.
 */
export const UNKNOWN_MARK = '\uE000';

/** Maximum nesting read from a JSON body; deeper objects are left out and the body is incomplete. */
const MAX_JSON_DEPTH = 20;

/** Flattens a parsed JSON object into dotted field paths with string values. */
function flatten(value: unknown, prefix: string, fields: Record<string, string | null>, depth: number): boolean {
  if (depth > MAX_JSON_DEPTH) {
    return false;
  }
  let complete = true;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      complete = flatten(item, path, fields, depth + 1) && complete;
    } else if (typeof item === 'string') {
      fields[path] = item.includes(UNKNOWN_MARK) ? null : item;
    } else if (typeof item === 'number' || typeof item === 'boolean') {
      fields[path] = String(item);
    } else {
      fields[path] = null;
    }
  }
  return complete;
}

/**
 * Quotes markers that stand alone as JSON values (`"hours": $HOURS`), so that the text parses;
 * markers inside strings are left as they are.
 */
function quoteBareMarkers(text: string): string {
  let result = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      result += char;
      if (char === '\\') {
        result += text[i + 1] ?? '';
        i += 1;
      } else if (char === '"') {
        inString = false;
      }
      continue;
    }
    if (char === '"') {
      inString = true;
      result += char;
    } else if (char === UNKNOWN_MARK) {
      let end = i;
      while (text[end + 1] === UNKNOWN_MARK || /[\w.-]/.test(text[end + 1] ?? '')) {
        end += 1;
      }
      result += `"${UNKNOWN_MARK}"`;
      i = end;
    } else {
      result += char;
    }
  }
  return result;
}

/** `"key": "value"` pairs, for JSON text that does not parse (a fragment, a trailing comma). */
const LOOSE_PAIR = /"([^"\\\n]+)"\s*:\s*"((?:[^"\\\n]|\\.)*)"/g;

/**
 * Reads body fields from JSON text in which run-time values are written as `UNKNOWN_MARK`.
 * Text that does not parse as an object is read pair by pair (top-level keys only) and the body
 * is marked incomplete. Returns undefined when the text contains no JSON object at all.
 */
export function jsonBodyFields(text: string, offset?: number): BodyEvidence | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    return undefined;
  }
  const withOffset = (body: BodyEvidence): BodyEvidence => (offset === undefined ? body : { ...body, offset });
  try {
    const parsed: unknown = JSON.parse(quoteBareMarkers(trimmed));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const fields: Record<string, string | null> = {};
      const complete = flatten(parsed, '', fields, 0);
      return withOffset({ fields, complete });
    }
  } catch {
    // Not valid JSON: fall back to reading pairs.
  }
  const fields: Record<string, string | null> = {};
  for (const match of trimmed.matchAll(LOOSE_PAIR)) {
    const value = match[2]!;
    fields[match[1]!] ??= value.includes(UNKNOWN_MARK) ? null : value;
  }
  return withOffset({ fields, complete: false });
}
