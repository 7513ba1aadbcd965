import { ts } from 'ts-morph';
import type { BodyEntry, NewEntry, NewValue } from '../body-map.js';
import { propertyName } from './locate.js';

export type ReadBody = { entries: BodyEntry[] } | { reason: string };

/**
 * Reads an object literal as body entries. Spreads, shorthand, methods, computed names and
 * comments are refused: a rewrite would drop or move them.
 */
export function readObject(object: ts.ObjectLiteralExpression, source: ts.SourceFile): ReadBody {
  const entries: BodyEntry[] = [];
  for (const property of object.properties) {
    if (ts.isShorthandPropertyAssignment(property) && !property.objectAssignmentInitializer) {
      // `{ reason }` is `{ reason: reason }`: the value keeps the variable's name.
      entries.push({ key: property.name.text, value: { kind: 'text', text: property.name.text } });
      continue;
    }
    if (!ts.isPropertyAssignment(property)) {
      return { reason: `the body has ${ts.isSpreadAssignment(property) ? 'a spread' : 'a shorthand or method member'} (${property.getText(source)}); map its fields by hand` };
    }
    const key = propertyName(property.name);
    if (key === undefined) {
      return { reason: `the body has a computed field name (${property.name.getText(source)}); map it by hand` };
    }
    if (ts.getLeadingCommentRanges(source.text, property.getFullStart())?.length) {
      return { reason: `the body has a comment next to ${key}, which a rewrite would move; migrate the body by hand` };
    }
    const initializer = property.initializer;
    if (ts.isObjectLiteralExpression(initializer)) {
      const nested = readObject(initializer, source);
      if ('reason' in nested) {
        return nested;
      }
      entries.push({ key, value: { kind: 'object', entries: nested.entries } });
      continue;
    }
    const literal = ts.isStringLiteral(initializer) || ts.isNoSubstitutionTemplateLiteral(initializer) ? initializer.text : initializer.kind === ts.SyntaxKind.NullKeyword ? null : undefined;
    entries.push({ key, value: literal === undefined ? { kind: 'text', text: initializer.getText(source) } : { kind: 'text', text: initializer.getText(source), literal } });
  }
  return { entries };
}

export interface PrintStyle {
  quote: string;
  /** Indentation of the object's first line; properties get `indent + unit`. */
  indent: string;
  unit: string;
  newline: string;
  multiline: boolean;
  trailingComma: boolean;
  quoteKeys: string | undefined;
}

/** Reads how the object literal is written, so the new one looks the same. */
export function styleOf(object: ts.ObjectLiteralExpression, source: ts.SourceFile, quote: string): PrintStyle {
  const text = source.text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = text.lastIndexOf('\n', object.getStart(source) - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const first = object.properties[0];
  const multiline = first !== undefined && text.slice(object.getStart(source), first.getStart(source)).includes('\n');
  let unit = '  ';
  if (first && multiline) {
    const firstLineStart = text.lastIndexOf('\n', first.getStart(source) - 1) + 1;
    const firstIndent = /^[ \t]*/.exec(text.slice(firstLineStart))![0];
    unit = firstIndent.startsWith(indent) && firstIndent.length > indent.length ? firstIndent.slice(indent.length) : '  ';
  }
  const firstName = first && ts.isPropertyAssignment(first) ? first.name : undefined;
  const quoteKeys = firstName && ts.isStringLiteral(firstName) ? firstName.getText(source)[0] : undefined;
  return { quote, indent, unit, newline, multiline, trailingComma: object.properties.hasTrailingComma, quoteKeys };
}

/** Prints new body entries as a TypeScript object literal in the style of the old one. */
export function printObject(entries: NewEntry[], style: PrintStyle, depth = 0): string {
  const key = (name: string): string => (style.quoteKeys ? `${style.quoteKeys}${name}${style.quoteKeys}` : name);
  const parts = entries.map((entry) =>
    // `name: name` stays shorthand, as the code wrote it.
    entry.value.kind === 'text' && entry.value.text === entry.key && !style.quoteKeys ? entry.key : `${key(entry.key)}: ${printValue(entry.value, style, depth + 1)}`,
  );
  if (!style.multiline) {
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  const inner = style.indent + style.unit.repeat(depth + 1);
  const closing = style.indent + style.unit.repeat(depth);
  return `{${style.newline}${parts.map((part) => inner + part).join(`,${style.newline}`)}${style.trailingComma ? ',' : ''}${style.newline}${closing}}`;
}

function printValue(value: NewValue, style: PrintStyle, depth: number): string {
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'string':
      return `${style.quote}${value.value.replace(/\\/g, '\\\\').replaceAll(style.quote, `\\${style.quote}`)}${style.quote}`;
    case 'object':
      return printObject(value.entries, style, depth);
  }
}
