import type { BodyValue } from '../body-map.js';
import type { Edit } from '../edits.js';
import type { OldField, ParseMode } from './az-fields.js';
import type { NewParameter } from './command.js';
import { lineIndent, newlineOf, quoteString } from './print.js';

/** A parameter of the new Az.Resources call: kept source text, or an enum value the fixer chose. */
export type AzArgument = { name: string; text: string } | { name: string; enumValue: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Text that parses as one argument in command mode without parentheses: a variable with
 * member access, a quoted string on one line, a number, or a parenthesized expression.
 */
const SIMPLE_ARGUMENT = [
  /^\$[\w:]+(\.\w+)*$/,
  /^'(?:[^'\r\n]|'')*'$/,
  /^"(?:[^"`\r\n]|`.)*"$/,
  /^-?\d+(\.\d+)?$/,
];

/** True when the value is a literal GUID (written, or a variable assigned one in the script). */
export function isLiteralGuid(value: BodyValue): boolean {
  return value.kind === 'text' && typeof value.literal === 'string' && GUID.test(value.literal.trim());
}

/** Returns the field's source text for the new call, in parentheses when expression text moves onto a command line. */
export function valueText(field: OldField, target: ParseMode): string {
  if (field.value.kind !== 'text') {
    throw new Error(`${field.key} is an object, not a value`);
  }
  const text = field.value.text;
  if (field.mode === 'expression' && target === 'command' && !SIMPLE_ARGUMENT.some((pattern) => pattern.test(text)) && !isParenthesized(text)) {
    return `(${text})`;
  }
  // A bare word already became a quoted string when it was read, so command text is valid expression text.
  return text;
}

/** Prints the arguments: enum values are bare words on a command line and quoted strings in a splat. */
export function printAzArguments(azArguments: readonly AzArgument[], target: ParseMode, quote: string): NewParameter[] {
  return azArguments.map((argument) => {
    if ('text' in argument) {
      return { name: argument.name, text: argument.text };
    }
    return { name: argument.name, text: target === 'command' ? argument.enumValue : quoteString(argument.enumValue, quote) };
  });
}

/**
 * Builds the edit that inserts `# TODO: <check>` on its own line above the line where the call
 * starts, with that line's indentation and the file's line ending. Returns a reason instead when
 * the line above ends in a backtick, because a comment line there would end the continued command.
 */
export function checkComment(text: string, callStart: number, check: string): { edit: Edit } | { reason: string } {
  const lineStart = text.lastIndexOf('\n', callStart - 1) + 1;
  const above = text.slice(0, lineStart).replace(/\r?\n$/, '');
  if (/`$/.test(above)) {
    return { reason: 'the call continues the line above with a backtick; start it on its own line, then rerun the fix' };
  }
  const newline = newlineOf(text);
  return { edit: { start: lineStart, end: lineStart, text: `${lineIndent(text, lineStart)}# TODO: ${check}.${newline}` } };
}

/** True when the whole text is one `( ... )` group, so it already parses as one argument. */
function isParenthesized(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) {
    return false;
  }
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '(') {
      depth += 1;
    } else if (char === ')') {
      depth -= 1;
      if (depth === 0 && index < text.length - 1) {
        return false;
      }
    }
  }
  return depth === 0;
}
