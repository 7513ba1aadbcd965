import type { BodyEvidence } from '../../model/call-site.js';

/** Lines searched on either side of a write call for a request body written as text. */
const BODY_RADIUS_LINES = 15;
/**
 * Characters searched on either side at most, so a hit in a minified one-line bundle reads a
 * bounded window instead of the whole line. Fifteen hand-written lines fit.
 */
const BODY_RADIUS_CHARACTERS = 4_000;

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
  const from = lineStartBefore(text, at, BODY_RADIUS_LINES, Math.max(0, at - BODY_RADIUS_CHARACTERS));
  const to = lineEndAfter(text, at, BODY_RADIUS_LINES, Math.min(text.length, at + BODY_RADIUS_CHARACTERS));
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

/** Start of the line `lines` lines above the one containing `at`, searching no further back than `floor`. */
function lineStartBefore(text: string, at: number, lines: number, floor: number): number {
  let position = at;
  for (let i = 0; i <= lines && position > 0; i++) {
    position = lastNewline(text, position - 1, floor);
    if (position === -1) {
      return floor;
    }
  }
  return position + 1;
}

/** End of the line `lines` lines below the one containing `at`, searching no further than `ceiling`. */
function lineEndAfter(text: string, at: number, lines: number, ceiling: number): number {
  let position = at;
  for (let i = 0; i <= lines; i++) {
    const next = firstNewline(text, position + 1, ceiling);
    if (next === -1) {
      return ceiling;
    }
    position = next;
  }
  return position;
}

/** Index of the first newline at or after `from` and before `ceiling`, or -1. */
function firstNewline(text: string, from: number, ceiling: number): number {
  for (let i = from; i < ceiling; i++) {
    if (text.charCodeAt(i) === 10) {
      return i;
    }
  }
  return -1;
}

/** Index of the last newline at or before `from` and not before `floor`, or -1. */
function lastNewline(text: string, from: number, floor: number): number {
  for (let i = from; i >= floor; i--) {
    if (text.charCodeAt(i) === 10) {
      return i;
    }
  }
  return -1;
}
