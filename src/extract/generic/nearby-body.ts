import type { BodyEvidence } from '../../model/call-site.js';

/** Lines searched on either side of a write call for a request body written as text. */
const BODY_RADIUS_LINES = 15;

/**
 * Iteration 2 request types all read AdminX or UserX; requiring that shape keeps `type = "Once"`
 * (a schedule) or `"type": "Http"` (a Logic App action) out of the evidence.
 */
const REQUEST_TYPE = /["']?\btype["']?\s*[:=]\s*["'`]?((?:Admin|User)[A-Z][a-z]+)\b/g;
const ASSIGNMENT_STATE = /["']?\bassignmentState["']?\s*[:=]\s*["'`]?(Eligible|Active)\b/gi;

/**
 * Read `type` and `assignmentState` from a body written near a write call, in any syntax that
 * spells `key = value` or `"key": "value"` (JSON, hashtables, HCL, YAML, keyword arguments).
 * The nearest occurrence to the URL wins. This is a text heuristic for the generic extractor;
 * language-aware extractors read the real body.
 */
export function readNearbyBody(text: string, at: number): BodyEvidence | undefined {
  const from = lineStartBefore(text, at, BODY_RADIUS_LINES);
  const to = lineEndAfter(text, at, BODY_RADIUS_LINES);
  const window = text.slice(from, to);
  const fields: Record<string, string | null> = {};
  const type = nearest(window, REQUEST_TYPE, at - from);
  const state = nearest(window, ASSIGNMENT_STATE, at - from);
  if (type) {
    fields.type = type;
  }
  if (state) {
    fields.assignmentState = state[0]!.toUpperCase() + state.slice(1).toLowerCase();
  }
  return Object.keys(fields).length > 0 ? { fields, complete: false } : undefined;
}

function nearest(window: string, pattern: RegExp, at: number): string | undefined {
  let best: { value: string; distance: number } | undefined;
  for (const match of window.matchAll(pattern)) {
    const distance = Math.abs(match.index - at);
    if (!best || distance < best.distance) {
      best = { value: match[1]!, distance };
    }
  }
  return best?.value;
}

function lineStartBefore(text: string, at: number, lines: number): number {
  let position = at;
  for (let i = 0; i <= lines && position > 0; i++) {
    position = text.lastIndexOf('\n', position - 1);
    if (position === -1) {
      return 0;
    }
  }
  return position + 1;
}

function lineEndAfter(text: string, at: number, lines: number): number {
  let position = at;
  for (let i = 0; i <= lines; i++) {
    const next = text.indexOf('\n', position + 1);
    if (next === -1) {
      return text.length;
    }
    position = next;
  }
  return position;
}
