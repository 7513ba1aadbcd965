import type { BodyEvidence, UrlPart } from '../../model/call-site.js';

/** Stands for a value the code fills in at run time (a private-use character, which JSON allows inside strings). */
const DYNAMIC_MARK = '\uE000';

/** Maximum nesting of body objects that is flattened into dotted paths. */
const MAX_BODY_DEPTH = 8;

/**
 * Reads body fields from JSON text that the code builds as string parts, such as a Java text block
 * or a PHP heredoc. Dynamic parts become null values. Returns undefined when the text is not a
 * JSON object.
 */
export function bodyFromJsonParts(parts: readonly UrlPart[], offset?: number): BodyEvidence | undefined {
  let text = '';
  let inString = false;
  for (const part of parts) {
    if (part.kind === 'literal') {
      text += part.text;
      inString = endsInsideString(text);
    } else {
      text += inString ? DYNAMIC_MARK : `"${DYNAMIC_MARK}"`;
    }
  }
  if (!text.trim().startsWith('{')) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const body: BodyEvidence = { fields: {}, complete: true };
  if (offset !== undefined) {
    body.offset = offset;
  }
  flatten(value as Record<string, unknown>, '', body, 0);
  return body;
}

function endsInsideString(text: string): boolean {
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && inside) {
      i += 1;
    } else if (char === '"') {
      inside = !inside;
    }
  }
  return inside;
}

function flatten(object: Record<string, unknown>, prefix: string, body: BodyEvidence, depth: number): void {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix + key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < MAX_BODY_DEPTH) {
      flatten(value as Record<string, unknown>, `${path}.`, body, depth + 1);
    } else if (typeof value === 'string') {
      body.fields[path] = value.includes(DYNAMIC_MARK) ? null : value;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      body.fields[path] = String(value);
    } else {
      body.fields[path] = null;
    }
  }
}
