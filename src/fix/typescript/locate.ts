import { ts } from 'ts-morph';
import { DYNAMIC_MARK } from '../url-rewrite.js';

export type UrlLiteral = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

export function parseSource(path: string, text: string): ts.SourceFile {
  const kind = /\.[cm]?jsx?$/i.test(path) ? ts.ScriptKind.JS : /\.tsx$/i.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
}

/** The string or template literal that contains `offset`, or undefined. */
export function literalAt(source: ts.SourceFile, offset: number): UrlLiteral | undefined {
  let found: UrlLiteral | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getStart(source) || offset >= node.getEnd()) {
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      found = node;
      return;
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

/** The literal's value, with DYNAMIC_MARK for each substitution. */
export function literalValue(literal: UrlLiteral): string {
  if (!ts.isTemplateExpression(literal)) {
    return literal.text;
  }
  return literal.head.text + literal.templateSpans.map((span) => DYNAMIC_MARK + span.literal.text).join('');
}

/** Source range of the literal's content, between its quotes. */
export function contentRange(literal: UrlLiteral, source: ts.SourceFile): { start: number; end: number } {
  return { start: literal.getStart(source) + 1, end: literal.getEnd() - 1 };
}

/** `x.name(...)` -> `name`. */
export function methodName(call: ts.CallExpression): string | undefined {
  return ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : undefined;
}

/**
 * The call that sends the literal: the call whose first argument it is, or, when the literal
 * initialises a `const`, the one call in the file that passes that name first.
 */
export function callOf(literal: UrlLiteral, source: ts.SourceFile): ts.CallExpression | undefined {
  const parent = literal.parent;
  if (ts.isCallExpression(parent) && parent.arguments[0] === literal) {
    return parent;
  }
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && ts.isVariableDeclarationList(parent.parent) && parent.parent.flags & ts.NodeFlags.Const) {
    const name = parent.name.text;
    const calls: ts.CallExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments[0] && ts.isIdentifier(node.arguments[0]) && node.arguments[0].text === name) {
        calls.push(node);
      }
      node.forEachChild(visit);
    };
    visit(source);
    return calls.length === 1 ? calls[0] : undefined;
  }
  return undefined;
}

/** The calls chained after `call` (`.version('beta')`, `.post(body)`), nearest first. */
export function chainAfter(call: ts.CallExpression): ts.CallExpression[] {
  const chain: ts.CallExpression[] = [];
  let node: ts.Expression = call;
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && ts.isCallExpression(node.parent.parent) && node.parent.parent.expression === node.parent) {
    node = node.parent.parent;
    chain.push(node as ts.CallExpression);
  }
  return chain;
}

/** Unwraps `JSON.stringify(x)`, parentheses and `as` casts to the object literal, if there is one. */
export function objectLiteralOf(expression: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  let node = expression;
  while (node && (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))) {
    node = node.expression;
  }
  if (node && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'stringify' && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'JSON') {
    return objectLiteralOf(node.arguments[0]);
  }
  return node && ts.isObjectLiteralExpression(node) ? node : undefined;
}

/** A property of an object literal by name, with its initializer. */
export function propertyOf(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find((property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && propertyName(property.name) === name);
}

export function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) ? name.text : undefined;
}
