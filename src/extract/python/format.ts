import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { shortText, type PyContext } from './context.js';

/** A `%` conversion: `%s`, `%d`, `%(name)s`, `%-10s`, and `%%` for a percent sign. */
const PERCENT_FIELD = /%(?:\(([^)]*)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])/g;

/** A `str.format` field: `{}`, `{0}`, `{name}`, `{name!r:>10}`, and `{{`/`}}` for braces. */
const BRACE_FIELD = /\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}/g;

type FieldValue = (match: RegExpMatchArray) => UrlPart[] | 'literal' | undefined;

/**
 * Replaces the fields of each literal part of a template with the values `valueOf` gives,
 * keeping the offsets of the literal text around them. A field without a value becomes a
 * dynamic part.
 */
function substitute(template: readonly UrlPart[], pattern: RegExp, valueOf: FieldValue, node: Node, ctx: PyContext, escaped: (text: string) => string): UrlPart[] {
  const result: UrlPart[] = [];
  for (const part of template) {
    if (part.kind !== 'literal') {
      result.push(part);
      continue;
    }
    let at = 0;
    let pending = '';
    let pendingStart = 0;
    const flush = (): void => {
      if (pending) {
        const piece: UrlPart = { kind: 'literal', text: pending };
        if (part.offset !== undefined) {
          piece.offset = part.offset + pendingStart;
        }
        if (part.resolvedFrom) {
          piece.resolvedFrom = part.resolvedFrom;
        }
        result.push(piece);
      }
      pending = '';
    };
    for (const match of part.text.matchAll(pattern)) {
      const index = match.index ?? 0;
      if (!pending) {
        pendingStart = at;
      }
      pending += part.text.slice(at, index);
      at = index + match[0].length;
      const value = valueOf(match);
      if (value === 'literal') {
        if (!pending) {
          pendingStart = index;
        }
        pending += escaped(match[0]);
        continue;
      }
      flush();
      result.push(...(value ?? [ctx.sameFile ? { kind: 'dynamic', name: shortText(node), offset: node.startIndex } : { kind: 'dynamic', name: shortText(node) }]));
    }
    if (!pending) {
      pendingStart = at;
    }
    pending += part.text.slice(at);
    flush();
  }
  return result;
}

/** Applies `template % (a, b)` or `template % {'name': a}` to URL parts. */
export function formatWithPercent(template: readonly UrlPart[], positional: UrlPart[][], named: Map<string, UrlPart[]>, node: Node, ctx: PyContext): UrlPart[] {
  let next = 0;
  return substitute(
    template,
    PERCENT_FIELD,
    (match) => {
      if (match[2] === '%') {
        return 'literal';
      }
      if (match[1] !== undefined) {
        return named.get(match[1]);
      }
      return positional[next++];
    },
    node,
    ctx,
    () => '%',
  );
}

/** Applies `template.format(a, name=b)` to URL parts: automatic, numbered and named fields. */
export function formatWithBraces(template: readonly UrlPart[], positional: UrlPart[][], named: Map<string, UrlPart[]>, node: Node, ctx: PyContext): UrlPart[] {
  let next = 0;
  return substitute(
    template,
    BRACE_FIELD,
    (match) => {
      if (match[0] === '{{' || match[0] === '}}') {
        return 'literal';
      }
      const field = (match[1] ?? '').trim();
      if (field === '') {
        return positional[next++];
      }
      if (/^\d+$/.test(field)) {
        return positional[Number(field)];
      }
      return named.get(field);
    },
    node,
    ctx,
    (text) => text[0]!,
  );
}
