import type { Node } from 'web-tree-sitter';
import type { BodyEvidence, UrlPart } from '../../model/call-site.js';
import { jsonBodyFields, UNKNOWN_MARK } from '../common/json-text-body.js';
import type { ShellWords } from './words.js';

/** An HTTP request a command line sends, before it is turned into a call site. */
export interface ShellRequest {
  url: UrlPart[];
  method: string | null;
  body?: BodyEvidence;
}

/** One argument of a command: its node and its value as URL parts. */
export interface ShellArgument {
  node: Node;
  parts: UrlPart[];
  /** The value when it has no run-time parts. */
  text?: string;
}

/** Turns parts into text, with `UNKNOWN_MARK` for each run-time value. */
export function markedText(parts: readonly UrlPart[]): string {
  return parts.map((part) => (part.kind === 'literal' ? part.text : UNKNOWN_MARK)).join('');
}

/** How many ancestors are searched for the heredoc that feeds a command (pipeline, redirected statement...). */
const MAX_STDIN_HOPS = 4;

/**
 * Finds what a command reads on standard input: a heredoc (`<<EOF`, `<<'EOF'`, `<<-EOF`) on
 * the command or on the statement its pipeline belongs to, or a here-string (`<<< '...'`).
 */
function stdinNode(command: Node): { node: Node; expands: boolean } | undefined {
  let current: Node | null = command;
  for (let hop = 0; current && hop <= MAX_STDIN_HOPS; hop++) {
    for (const child of current.children) {
      if (child?.type === 'herestring_redirect') {
        const word = child.namedChildren.find((item) => item !== null);
        return word ? { node: word, expands: true } : undefined;
      }
      if (child?.type === 'heredoc_redirect') {
        const body = child.namedChildren.find((item) => item?.type === 'heredoc_body');
        const start = child.namedChildren.find((item) => item?.type === 'heredoc_start');
        if (body) {
          return { node: body, expands: !/^['"\\]/.test(start?.text ?? '') };
        }
      }
    }
    if (current.type === 'heredoc_redirect') {
      const body = current.namedChildren.find((item) => item?.type === 'heredoc_body');
      const start = current.namedChildren.find((item) => item?.type === 'heredoc_start');
      return body ? { node: body, expands: !/^['"\\]/.test(start?.text ?? '') } : undefined;
    }
    current = current.parent;
  }
  return undefined;
}

/**
 * Reads a request body given as a command argument: JSON text, `@-` (standard input: a heredoc
 * or here-string) or `@file` (not read, so the body is incomplete).
 */
export function readBodyArgument(argument: ShellArgument, command: Node, words: ShellWords): BodyEvidence {
  const text = markedText(argument.parts);
  if (text === '@-' || text === '@/dev/stdin') {
    const stdin = stdinNode(command);
    if (!stdin) {
      return { fields: {}, complete: false };
    }
    const parts = stdin.node.type === 'heredoc_body'
      ? stdin.expands
        ? words.sequence(stdin.node, stdin.node.startIndex, stdin.node.endIndex, 0, (raw) => raw.replace(/\\([\\$`])/g, '$1'))
        : [{ kind: 'literal' as const, text: stdin.node.text, offset: stdin.node.startIndex }]
      : words.parts(stdin.node);
    return jsonBodyFields(markedText(parts), stdin.node.startIndex) ?? { fields: {}, complete: false };
  }
  if (text.startsWith('@')) {
    return { fields: {}, complete: false };
  }
  return jsonBodyFields(text, argument.node.startIndex) ?? { fields: {}, complete: false };
}
