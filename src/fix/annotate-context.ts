import { ts } from 'ts-morph';
import type { Node } from 'web-tree-sitter';
import { languageOf } from '../discover/languages.js';
import type { GrammarName } from '../extract/tree-sitter/grammars.js';
import { parseWith } from '../extract/tree-sitter/parse.js';

/** Returns true when a comment line may be inserted at this offset (the start of a line). */
export type LineStartCheck = (offset: number) => boolean;

/** Grammar of each language the scanner parses with tree-sitter. */
const GRAMMAR_OF: Readonly<Record<string, GrammarName>> = {
  powershell: 'powershell',
  python: 'python',
  csharp: 'csharp',
  go: 'go',
  java: 'java',
  php: 'php',
  rust: 'rust',
  shell: 'bash',
  terraform: 'hcl',
};

/** Tree-sitter node types whose text is data or markup, where a new line changes the program. */
const DATA_NODE = /string|heredoc|template|comment|raw/;

const NEVER: LineStartCheck = () => false;

/**
 * Decides where `--annotate` may insert a comment line. A line inside a string, a template, a
 * comment or JSX would change the program or the page, and a file with syntax errors may parse
 * differently once a line is added, which breaks a repeated run. Files of languages the fixer
 * does not parse get no annotation.
 */
export async function annotationLineCheck(relativePath: string, text: string): Promise<LineStartCheck> {
  const language = languageOf(relativePath.slice(relativePath.lastIndexOf('/') + 1));
  if (language === 'typescript' || language === 'javascript') {
    return typeScriptCheck(relativePath, text);
  }
  const grammar = GRAMMAR_OF[language];
  if (!grammar) {
    return NEVER;
  }
  const tree = await parseWith(grammar, text).catch(() => undefined);
  if (!tree) {
    return NEVER;
  }
  try {
    if (tree.rootNode.hasError) {
      return NEVER;
    }
    const blocked = dataRanges(tree.rootNode);
    return (offset) => !continuesLine(text, offset) && !blocked.some(([start, end]) => start < offset && offset < end);
  } finally {
    tree.delete();
  }
}

/** True when the line before `offset` ends with a PowerShell backtick or a shell backslash continuation. */
function continuesLine(text: string, offset: number): boolean {
  return /[`\\][ \t]*\r?\n$/.test(text.slice(Math.max(0, offset - 4096), offset));
}

function dataRanges(root: Node): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // Only a node over several lines can contain the start of a line.
    if (node.startPosition.row === node.endPosition.row) {
      continue;
    }
    if (DATA_NODE.test(node.type)) {
      ranges.push([node.startIndex, node.endIndex]);
      continue;
    }
    for (const child of node.children) {
      if (child) stack.push(child);
    }
  }
  return ranges;
}

function typeScriptCheck(relativePath: string, text: string): LineStartCheck {
  const kind = /\.[jt]sx$/i.test(relativePath) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(relativePath, text, ts.ScriptTarget.Latest, true, kind);
  // parseDiagnostics is internal to the compiler API, so it is read defensively.
  const diagnostics = (source as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics;
  if (diagnostics && diagnostics.length > 0) {
    return NEVER;
  }
  const blocked: Array<[number, number]> = [];
  const stack: ts.Node[] = [source];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const isData = ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isJsxElement(node) || ts.isJsxFragment(node) || ts.isJsxSelfClosingElement(node);
    if (isData) {
      blocked.push([node.getStart(source), node.getEnd()]);
      continue;
    }
    stack.push(...node.getChildren(source));
  }
  return (offset) => !blocked.some(([start, end]) => start < offset && offset < end);
}
