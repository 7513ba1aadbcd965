import type { UrlPart } from '../../model/call-site.js';

/** A .NET composite format item (`{0}`, `{1,-8}`, `{2:yyyy}`) or an escaped brace. */
const FORMAT_ITEM = /\{(\d+)(?:,\s*-?\d+)?(?::[^}]*)?\}|\{\{|\}\}/g;

/**
 * Fill the format items of a `-f` template with the parts of its arguments. Literal pieces keep
 * their offsets; an item without an argument becomes a dynamic part.
 */
export function fillFormat(template: readonly UrlPart[], args: readonly UrlPart[][]): UrlPart[] {
  const result: UrlPart[] = [];
  for (const part of template) {
    if (part.kind !== 'literal') {
      result.push(part);
      continue;
    }
    let cursor = 0;
    const pushText = (end: number, text = part.text.slice(cursor, end)): void => {
      if (text) {
        result.push({ ...part, text, ...(part.offset === undefined ? {} : { offset: part.offset + cursor }) });
      }
    };
    for (const match of part.text.matchAll(FORMAT_ITEM)) {
      const index = match.index;
      pushText(index);
      cursor = index;
      if (match[0] === '{{' || match[0] === '}}') {
        pushText(index + 2, match[0][0]);
      } else {
        const argument = args[Number(match[1])];
        const offset = part.offset === undefined ? undefined : part.offset + index;
        result.push(...(argument ?? [{ kind: 'dynamic', name: match[0], ...(offset === undefined ? {} : { offset }) }]));
      }
      cursor = index + match[0].length;
    }
    pushText(part.text.length);
  }
  return result;
}
