import type { UrlPart } from '../../model/call-site.js';

/**
 * Joins neighbouring literal parts when the second continues the first in the same file text.
 * `labels` says which `resolvedFrom` labels may be joined: `'same'` joins parts with equal labels
 * (a constant's text split by a placeholder), `'none'` joins only parts without a label.
 */
export function mergeLiterals(parts: readonly UrlPart[], labels: 'same' | 'none'): UrlPart[] {
  const merged: UrlPart[] = [];
  for (const part of parts) {
    const previous = merged.at(-1);
    if (
      previous?.kind === 'literal' &&
      part.kind === 'literal' &&
      previous.offset !== undefined &&
      part.offset === previous.offset + previous.text.length &&
      (labels === 'same' ? previous.resolvedFrom === part.resolvedFrom : previous.resolvedFrom === undefined && part.resolvedFrom === undefined)
    ) {
      merged[merged.length - 1] = { ...previous, text: previous.text + part.text };
    } else {
      merged.push(part);
    }
  }
  return merged;
}
