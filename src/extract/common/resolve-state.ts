import type { UrlPart } from '../../model/call-site.js';

/** Nesting limit for following names, calls and macros while resolving one value. */
export const MAX_RESOLVE_DEPTH = 16;

/**
 * Bookkeeping of one resolution: the string literals of the scanned file it read (by start
 * offset, with their text), so the same literal is not reported twice, and a depth guard.
 */
export class ResolveState {
  readonly reads = new Map<number, string>();
  /** Names being followed, to stop on `a = a + "x"` style cycles. */
  readonly following = new Set<string>();
  depth = 0;

  read(offset: number, text: string): void {
    this.reads.set(offset, text);
  }
}

/**
 * Runs one resolution step a level deeper. Past MAX_RESOLVE_DEPTH the expression stays one
 * dynamic part named by its source text.
 */
export function resolveDeeper(state: ResolveState, expression: { text: string; startIndex: number }, step: () => UrlPart[]): UrlPart[] {
  if (state.depth > MAX_RESOLVE_DEPTH) {
    return [dynamicPart(expression.text, expression.startIndex)];
  }
  state.depth += 1;
  try {
    return step();
  } finally {
    state.depth -= 1;
  }
}

/** Runs `step` while following `key`; returns undefined when `key` is already being followed (a cycle). */
export function followOnce(state: ResolveState, key: string, step: () => UrlPart[]): UrlPart[] | undefined {
  if (state.following.has(key)) {
    return undefined;
  }
  state.following.add(key);
  try {
    return step();
  } finally {
    state.following.delete(key);
  }
}

export function literalPart(text: string, offset?: number, resolvedFrom?: string): UrlPart {
  const part: UrlPart = { kind: 'literal', text };
  if (offset !== undefined) {
    part.offset = offset;
  }
  if (resolvedFrom !== undefined) {
    part.resolvedFrom = resolvedFrom;
  }
  return part;
}

/** A value the extractor cannot follow, named by its source text (cut to 80 characters). */
export function dynamicPart(name: string, offset?: number): UrlPart {
  const part: UrlPart = { kind: 'dynamic', name: name.length > 80 ? `${name.slice(0, 77)}...` : name };
  if (offset !== undefined) {
    part.offset = offset;
  }
  return part;
}

/** Marks parts as coming from another file: their offsets do not apply to the scanned file. */
export function fromOtherFile(parts: readonly UrlPart[], source: string): UrlPart[] {
  return parts.map((part) =>
    part.kind === 'literal' ? literalPart(part.text, undefined, part.resolvedFrom ?? source) : dynamicPart(part.name ?? '?'),
  );
}

/** Marks literal parts as resolved from a named constant, keeping same-file offsets. */
export function resolvedFromName(parts: readonly UrlPart[], name: string): UrlPart[] {
  return parts.map((part) => (part.kind === 'literal' && part.resolvedFrom === undefined ? { ...part, resolvedFrom: name } : part));
}

/** Joins parts into text when all are literal, else undefined. */
export function literalText(parts: readonly UrlPart[]): string | undefined {
  let text = '';
  for (const part of parts) {
    if (part.kind !== 'literal') {
      return undefined;
    }
    text += part.text;
  }
  return text;
}
