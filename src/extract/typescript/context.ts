import path from 'node:path';
import type { ts } from 'ts-morph';
import { scannedFileName } from './project.js';

/** Maximum number of declarations, calls and spreads followed from one expression. */
export const MAX_DEPTH = 20;

/** Compiler objects and paths that every resolver needs for one scanned file. */
export interface FileContext {
  checker: ts.TypeChecker;
  /** The scanned file: literals in it carry offsets. */
  sourceFile: ts.SourceFile;
  /** Scan root, for the relative paths in `resolvedFrom`. */
  root: string;
  /**
   * HTTP client modules (`axios`, `got`, `ky`) whose name appears in some file of the program. A
   * call is one of a client's only when its module is named somewhere, so the others skip the
   * symbol look-ups of that client's checks.
   */
  clientModules: ReadonlySet<string>;
  /** Every file of the program: the scanned file and the files it imports. */
  programFiles: readonly ts.SourceFile[];
}

/** A function parameter bound to the argument of one call, resolved in the caller's scope. */
export interface Binding {
  argument: ts.Expression | undefined;
  scope: Scope;
}

/**
 * Parameter bindings in force while reading the body of a called function (a URL-returning
 * function or a fetch wrapper). Top-level code uses the empty scope.
 */
export interface Scope {
  bindings: ReadonlyMap<ts.ParameterDeclaration, Binding>;
}

export const EMPTY_SCOPE: Scope = { bindings: new Map() };

/** Literal nodes read while resolving one expression, so a literal is reported only once. */
export type LiteralReads = Set<ts.Node>;

/** Path of a declaration's file relative to the scan root, forward slashes. */
export function relativeFileName(ctx: FileContext, file: ts.SourceFile): string {
  const relative = path.relative(ctx.root, scannedFileName(file.fileName));
  return relative.split(path.sep).join('/');
}

/** Source text of a node on one line, cut to 60 characters, for dynamic part names. */
export function shortText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ').trim();
  return text.length > 60 ? text.slice(0, 60) : text;
}

/** Start offset of a node without leading trivia. */
export function startOf(node: ts.Node): number {
  return node.getStart(node.getSourceFile());
}
