import type { UrlPart } from '../../model/call-site.js';
import { splitPlaceholders, verbatimOffsets, type OffsetMap } from './url-text.js';
import type { Span } from './span.js';
import { literalText } from './resolve-state.js';

/** `{{name}}` with optional spaces; the name is the first capture group. */
export const HTTP_PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Variables that refer to other variables are followed this deep, which also stops cycles. */
const MAX_VARIABLE_DEPTH = 8;

/**
 * Turns text with `{{name}}` references into URL parts. A file variable (`@name = value`) is
 * replaced by its value, keeping the value's offset in the file and `resolvedFrom: '@name'`;
 * system variables (`{{$guid}}`), request variables (`{{login.response.body.token}}`) and
 * names without a definition stay dynamic.
 */
export class HttpVariables {
  constructor(private readonly variables: ReadonlyMap<string, Span>) {}

  /** URL parts of `text`; `at` is the file offset of verbatim text, or a map for decoded text. */
  parts(text: string, at: number | OffsetMap | undefined, depth = 0): UrlPart[] {
    const offsets = at === undefined ? () => undefined : typeof at === 'number' ? verbatimOffsets(at) : at;
    return splitPlaceholders(text, offsets, HTTP_PLACEHOLDER, (match) => {
      const name = match[1]!;
      const value = this.variables.get(name);
      if (!value || depth >= MAX_VARIABLE_DEPTH) {
        return null;
      }
      return this.parts(value.text, value.offset, depth + 1).map((part) => (part.kind === 'literal' && part.resolvedFrom === undefined ? { ...part, resolvedFrom: `@${name}` } : part));
    });
  }

  /** The text with every reference resolved, or null when one stays dynamic. */
  resolveText(text: string): string | null {
    const parts = this.parts(text, undefined);
    return literalText(parts) ?? null;
  }
}
