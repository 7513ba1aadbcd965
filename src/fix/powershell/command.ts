import type { Node } from 'web-tree-sitter';
import type { NewEntry } from '../body-map.js';
import type { Edit } from '../edits.js';
import type { OldCall } from './arguments.js';
import { lineIndent, newlineOf, printHashtable, type PrintStyle } from './print.js';
import type { PowerShellScript } from './script.js';

/** A parameter of the new call: its name and either printed text or a hashtable to print. */
export type NewParameter = { name: string; text: string } | { name: string; hashtable: NewEntry[] };

/** How the old call is laid out: backtick continuations, indentation and quotes. */
export interface CallLayout {
  backticks: boolean;
  indent: string;
  unit: string;
  newline: string;
  quote: string;
  /** True when the old call wrote a multi-line hashtable. */
  multilineHashtable: boolean;
}

export function layoutOf(script: PowerShellScript, old: OldCall): CallLayout {
  const text = script.text;
  const node = old.call.node;
  const source = text.slice(node.startIndex, node.endIndex);
  const indent = lineIndent(text, node.startIndex);
  const backticks = /`\r?\n/.test(source);
  let unit = '    ';
  const secondLine = /\r?\n([ \t]*)\S/.exec(source);
  if (secondLine && secondLine[1]!.startsWith(indent) && secondLine[1]!.length > indent.length) {
    unit = secondLine[1]!.slice(indent.length);
  }
  const quoteMatch = /(?<![`\w])(['"])/.exec(source);
  return {
    backticks,
    indent,
    unit,
    newline: newlineOf(text),
    quote: quoteMatch ? quoteMatch[1]! : "'",
    multilineHashtable: /@\{[ \t]*\r?\n/.test(source),
  };
}

/** The print style of a hashtable written as an argument of the new call. */
export function argumentStyle(layout: CallLayout, pascalKeys: boolean): PrintStyle {
  return {
    quote: layout.quote,
    indent: layout.backticks ? layout.indent + layout.unit : layout.indent,
    unit: layout.unit,
    newline: layout.newline,
    multiline: layout.backticks || layout.multilineHashtable,
    pascalKeys,
  };
}

/**
 * Replaces the whole old call with the new cmdlet and parameters, one parameter per line with
 * backticks when the old call used them. A splatted call keeps its splat: the new parameters
 * go into the splat's hashtable instead.
 */
export function rewriteCall(script: PowerShellScript, old: OldCall, cmdlet: string, parameters: NewParameter[], layout: CallLayout): Edit[] {
  const node = old.call.node;
  const written = old.common.filter((argument) => !argument.splatted).map((argument) => argument.text);
  if (old.splat) {
    const splatted = old.common.filter((argument) => argument.splatted);
    const style: PrintStyle = { ...hashtableStyle(script, old.splat.hashtable, layout), pascalKeys: true };
    const entries: NewEntry[] = [
      ...splatted.map((argument): NewEntry => ({ key: argument.name, value: { kind: 'text', text: argument.text.replace(/^[^=]*=\s*/, '') } })),
      ...parameters.map((parameter): NewEntry => ({ key: parameter.name, value: 'text' in parameter ? { kind: 'text', text: parameter.text } : { kind: 'object', entries: parameter.hashtable } })),
    ];
    return [
      { start: old.splat.hashtable.startIndex, end: old.splat.hashtable.endIndex, text: printHashtable(entries, style) },
      { start: node.startIndex, end: node.endIndex, text: joinCall([cmdlet, `@${old.splat.variable}`, ...written], layout) },
    ];
  }
  const style = argumentStyle(layout, true);
  const printed = parameters.map((parameter) => `-${parameter.name} ${'text' in parameter ? parameter.text : printHashtable(parameter.hashtable, style)}`);
  // Common parameters first, so a multi-line hashtable ends the call and needs no backtick after `}`.
  return [{ start: node.startIndex, end: node.endIndex, text: joinCall([cmdlet, ...written, ...printed], layout) }];
}

function joinCall(parts: string[], layout: CallLayout): string {
  if (!layout.backticks) {
    return parts.join(' ');
  }
  return parts.join(` \`${layout.newline}${layout.indent}${layout.unit}`);
}

/** The print style of an existing hashtable literal, so its rewrite looks the same. */
export function hashtableStyle(script: PowerShellScript, hashtable: Node, layout: Pick<CallLayout, 'quote' | 'newline'>): PrintStyle {
  const text = script.text;
  const source = text.slice(hashtable.startIndex, hashtable.endIndex);
  const indent = lineIndent(text, hashtable.startIndex);
  const firstEntry = /@\{[ \t]*\r?\n([ \t]*)(\S)/.exec(source);
  const inlineKey = /@\{\s*['"]?([A-Za-z])/.exec(source);
  let unit = '    ';
  if (firstEntry && firstEntry[1]!.startsWith(indent) && firstEntry[1]!.length > indent.length) {
    unit = firstEntry[1]!.slice(indent.length);
  }
  const quote = /=\s*(['"])/.exec(source)?.[1] ?? layout.quote;
  const keyLetter = firstEntry?.[2] ?? inlineKey?.[1] ?? 'A';
  return { quote, indent, unit, newline: layout.newline, multiline: firstEntry !== null, pascalKeys: keyLetter === keyLetter.toUpperCase() };
}
