import type { NewEntry, NewValue } from '../body-map.js';

/** How the new hashtables and command lines are written, read from the old code. */
export interface PrintStyle {
  /** `'` or `"` for new string literals. */
  quote: string;
  /** Indentation of the line the hashtable or command starts on. */
  indent: string;
  unit: string;
  newline: string;
  /** One entry per line instead of `@{ A = 1; B = 2 }`. */
  multiline: boolean;
  /** True when keys start upper case (`PrincipalId`), as cmdlet parameter names do. */
  pascalKeys: boolean;
}

/** Prints a PowerShell string literal; single quotes double a quote, double quotes escape with a backtick. */
export function quoteString(value: string, quote: string): string {
  if (quote === '"') {
    return `"${value.replace(/[`"$]/g, (char) => '`' + char)}"`;
  }
  return `'${value.replace(/'/g, "''")}'`;
}

function keyOf(name: string, style: PrintStyle): string {
  const key = style.pascalKeys ? name.charAt(0).toUpperCase() + name.slice(1) : name.charAt(0).toLowerCase() + name.slice(1);
  return /^[A-Za-z_][\w]*$/.test(key) ? key : quoteString(key, style.quote);
}

/** Prints body entries as a hashtable literal; `depth` counts the levels of nesting for indentation. */
export function printHashtable(entries: readonly NewEntry[], style: PrintStyle, depth = 0): string {
  const parts = entries.map((entry) => `${keyOf(entry.key, style)} = ${printValue(entry.value, style, depth + 1)}`);
  if (parts.length === 0) {
    return '@{}';
  }
  if (!style.multiline) {
    return `@{ ${parts.join('; ')} }`;
  }
  const inner = style.indent + style.unit.repeat(depth + 1);
  const closing = style.indent + style.unit.repeat(depth);
  return `@{${style.newline}${parts.map((part) => inner + part).join(style.newline)}${style.newline}${closing}}`;
}

function printValue(value: NewValue, style: PrintStyle, depth: number): string {
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'string':
      return quoteString(value.value, style.quote);
    case 'object':
      return printHashtable(value.entries, style, depth);
  }
}

/** Indentation of the line that contains `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
