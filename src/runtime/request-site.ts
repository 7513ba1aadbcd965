import type { BodyEvidence, CallSite } from '../model/call-site.js';

/** Bodies longer than this many UTF-16 code units are not parsed for evidence, to bound the cost per request. */
const MAX_BODY_LENGTH = 64 * 1024;

/**
 * Builds the `kind: 'url'` call site the matcher reads from a request that is about to be sent.
 * The URL is one literal at offset 0, so the matcher's ranges fall inside the URL text.
 */
export function requestCallSite(url: string, method: string, body: unknown): CallSite {
  const site: CallSite = {
    kind: 'url',
    language: 'http',
    url: [{ kind: 'literal', text: url, offset: 0 }],
    method: method.toUpperCase(),
    inComment: false,
    confidence: 'high',
    anchor: { offset: 0, length: url.length },
  };
  const evidence = bodyEvidenceOf(body);
  if (evidence) site.body = evidence;
  return site;
}

/**
 * Reads the string fields of a JSON request body as dotted paths (`schedule.type`), the form the
 * rule table's conditions use. Bodies that are not JSON text (streams, form data, Blobs) give none.
 */
export function bodyEvidenceOf(body: unknown): BodyEvidence | undefined {
  if (typeof body !== 'string' || body.length === 0 || body.length > MAX_BODY_LENGTH) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const fields: Record<string, string | null> = {};
  collectFields(parsed as Record<string, unknown>, '', fields);
  return { fields, complete: true };
}

function collectFields(object: Record<string, unknown>, prefix: string, fields: Record<string, string | null>): void {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix + key;
    if (typeof value === 'string') {
      fields[path] = value;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      fields[path] = String(value);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      collectFields(value as Record<string, unknown>, `${path}.`, fields);
    } else {
      fields[path] = null;
    }
  }
}
