import { ts } from 'ts-morph';
import type { Binding, FileContext, Scope } from './context.js';
import { symbolOf, unwrapExpression, valueDeclarationOf } from './follow.js';

/** A function declaration or function expression that has a body. */
export type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

/** Returns the function a call's callee refers to (declaration, `const f = () => ...`, method). */
export function calledFunction(call: ts.CallExpression, ctx: FileContext): FunctionWithBody | undefined {
  const callee = unwrapExpression(call.expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  if (!ts.isIdentifier(nameNode) && !ts.isPrivateIdentifier(nameNode)) {
    return undefined;
  }
  const symbol = symbolOf(nameNode, ctx);
  const declaration = symbol ? valueDeclarationOf(symbol) : undefined;
  if (!declaration) {
    return undefined;
  }
  let candidate: ts.Node = declaration;
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
    candidate = unwrapExpression(declaration.initializer);
  }
  if (
    (ts.isFunctionDeclaration(candidate) ||
      ts.isFunctionExpression(candidate) ||
      ts.isArrowFunction(candidate) ||
      ts.isMethodDeclaration(candidate)) &&
    candidate.body
  ) {
    return candidate as FunctionWithBody;
  }
  return undefined;
}

/**
 * Returns the expression a simple function returns: an arrow function's expression body, or the
 * one `return` of a block that holds only variable statements before it.
 */
export function returnedExpression(fn: FunctionWithBody): ts.Expression | undefined {
  if (!ts.isBlock(fn.body)) {
    return fn.body;
  }
  const statements = fn.body.statements;
  const last = statements[statements.length - 1];
  if (!last || !ts.isReturnStatement(last) || !last.expression) {
    return undefined;
  }
  const simple = statements.slice(0, -1).every((statement) => ts.isVariableStatement(statement));
  return simple ? last.expression : undefined;
}

/** Binds each parameter of a function to the matching argument of a call. */
export function bindArguments(fn: FunctionWithBody, call: ts.CallExpression | ts.NewExpression, callerScope: Scope): Scope {
  const bindings = new Map<ts.ParameterDeclaration, Binding>();
  const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  fn.parameters.forEach((parameter, index) => {
    const argument = args[index];
    if (parameter.dotDotDotToken || (argument && ts.isSpreadElement(argument))) {
      return;
    }
    bindings.set(parameter, { argument, scope: callerScope });
  });
  return { bindings };
}

/** A short name for a function, for `resolvedFrom` labels. */
export function functionLabel(fn: FunctionWithBody): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    return `${fn.name.text}()`;
  }
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) {
    return `${parent.name.text}()`;
  }
  return 'function()';
}
