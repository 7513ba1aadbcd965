import { ts } from 'ts-morph';
import { MAX_DEPTH, type FileContext, type Scope } from './context.js';
import { findProperty, followToObjectLiteral, propertyNameText } from './object-literal.js';
import { resolveConstantString, type ResolveState } from './resolve-string.js';

/** The expression that produces a value, found by following a name to its declaration. */
export interface FollowedValue {
  expression: ts.Expression;
  /** Scope to read `expression` in: the caller's scope when it is a bound argument. */
  scope: Scope;
  /** Name for `resolvedFrom` (`GRAPH_BETA`, `PATHS.assignments`); absent for bound parameters. */
  label?: string;
  declarationFile: ts.SourceFile;
}

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>` casts, which do not change a value. */
export function unwrapExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** Returns the symbol a name refers to, through import and re-export aliases. */
export function symbolOf(node: ts.Node, ctx: FileContext): ts.Symbol | undefined {
  let symbol: ts.Symbol | undefined;
  const parent = node.parent;
  if (parent && ts.isShorthandPropertyAssignment(parent) && parent.name === node) {
    symbol = ctx.checker.getShorthandAssignmentValueSymbol(parent);
  } else {
    symbol = ctx.checker.getSymbolAtLocation(node);
  }
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
    try {
      symbol = ctx.checker.getAliasedSymbol(symbol);
    } catch {
      return undefined;
    }
  }
  return symbol;
}

/** Returns the declaration that gives a symbol its value. */
export function valueDeclarationOf(symbol: ts.Symbol): ts.Declaration | undefined {
  return symbol.valueDeclaration ?? symbol.declarations?.[0];
}

/**
 * Follows an identifier, property access or element access to the expression that produces its
 * value: a `const` initializer, a `let`/`var` with one assignment, an enum member, an object
 * literal property, a default export, or the argument bound to a parameter. Returns undefined
 * when the value is not written down anywhere the extractor can read.
 */
export function followValue(
  expression: ts.Expression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): FollowedValue | undefined {
  if (depth > MAX_DEPTH || !state.spendStep()) {
    return undefined;
  }
  const node = unwrapExpression(expression);
  if (ts.isIdentifier(node)) {
    const symbol = symbolOf(node, ctx);
    const declaration = symbol ? valueDeclarationOf(symbol) : undefined;
    return declaration ? valueOfDeclaration(declaration, node.text, ctx, scope, state, depth) : undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    return followPropertyAccess(node, ctx, scope, state, depth);
  }
  if (ts.isElementAccessExpression(node)) {
    return followElementAccess(node, ctx, scope, state, depth);
  }
  return undefined;
}

function followPropertyAccess(
  node: ts.PropertyAccessExpression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): FollowedValue | undefined {
  const label = node.getText().replace(/\s+/g, '');
  const symbol = symbolOf(node.name, ctx);
  const declaration = symbol ? valueDeclarationOf(symbol) : undefined;
  const viaChecker = declaration ? valueOfDeclaration(declaration, label, ctx, scope, state, depth) : undefined;
  if (viaChecker) {
    return viaChecker;
  }
  // The checker finds no value declaration when the object's type is widened or written in
  // JavaScript without inference; read the object literal itself instead.
  return followMember(node.expression, node.name.text, label, ctx, scope, state, depth);
}

function followElementAccess(
  node: ts.ElementAccessExpression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): FollowedValue | undefined {
  const key = resolveConstantString(node.argumentExpression, ctx, scope, state, depth + 1);
  if (key === undefined) {
    return undefined;
  }
  const label = node.getText().replace(/\s+/g, '');
  const owner = unwrapExpression(node.expression);
  const array = followToArrayLiteral(owner, ctx, scope, state, depth + 1);
  if (array && /^\d+$/.test(key)) {
    const element = array.array.elements[Number(key)];
    if (element && !ts.isSpreadElement(element) && !ts.isOmittedExpression(element)) {
      return { expression: element, scope: array.scope, label, declarationFile: element.getSourceFile() };
    }
    return undefined;
  }
  return followMember(owner, key, label, ctx, scope, state, depth);
}

function followMember(
  owner: ts.Expression,
  name: string,
  label: string,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): FollowedValue | undefined {
  const object = followToObjectLiteral(owner, ctx, scope, state, depth + 1);
  if (!object) {
    return undefined;
  }
  const lookup = findProperty(object.object, name, ctx, object.scope, state, depth + 1);
  if (!lookup.value || !lookup.certain) {
    return undefined;
  }
  return { ...lookup.value, label, declarationFile: lookup.value.expression.getSourceFile() };
}

function followToArrayLiteral(
  expression: ts.Expression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): { array: ts.ArrayLiteralExpression; scope: Scope } | undefined {
  const node = unwrapExpression(expression);
  if (ts.isArrayLiteralExpression(node)) {
    return { array: node, scope };
  }
  const followed = followValue(node, ctx, scope, state, depth + 1);
  return followed ? followToArrayLiteral(followed.expression, ctx, followed.scope, state, depth + 1) : undefined;
}

function valueOfDeclaration(
  declaration: ts.Declaration,
  label: string,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): FollowedValue | undefined {
  const declarationFile = declaration.getSourceFile();
  const found = (expression: ts.Expression | undefined, inScope: Scope = scope): FollowedValue | undefined =>
    expression ? { expression, scope: inScope, label, declarationFile } : undefined;

  if (ts.isParameter(declaration)) {
    const binding = scope.bindings.get(declaration);
    if (!binding) {
      return undefined;
    }
    if (binding.argument) {
      return { expression: binding.argument, scope: binding.scope, declarationFile: binding.argument.getSourceFile() };
    }
    // The caller left the argument out, so the default value applies.
    return declaration.initializer
      ? { expression: declaration.initializer, scope, declarationFile }
      : undefined;
  }
  if (ts.isVariableDeclaration(declaration)) {
    return found(variableValue(declaration, ctx));
  }
  if (ts.isBindingElement(declaration)) {
    return followBindingElement(declaration, label, ctx, scope, state, depth);
  }
  if (ts.isEnumMember(declaration) || ts.isPropertyAssignment(declaration)) {
    return found(declaration.initializer);
  }
  if (ts.isShorthandPropertyAssignment(declaration)) {
    return found(declaration.name);
  }
  if (ts.isExportAssignment(declaration)) {
    return found(declaration.expression);
  }
  // CommonJS in JavaScript: `exports.X = value` and `module.exports.X = value`.
  if (ts.isPropertyAccessExpression(declaration) || ts.isElementAccessExpression(declaration)) {
    const parent = declaration.parent;
    if (parent && ts.isBinaryExpression(parent) && parent.left === declaration && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return found(parent.right);
    }
  }
  return undefined;
}

/** `const { base } = CONFIG` and `const { base: b } = CONFIG`. */
function followBindingElement(
  element: ts.BindingElement,
  label: string,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): FollowedValue | undefined {
  const pattern = element.parent;
  if (!ts.isObjectBindingPattern(pattern) || element.dotDotDotToken) {
    return undefined;
  }
  const holder = pattern.parent;
  if (!ts.isVariableDeclaration(holder)) {
    return undefined;
  }
  const initializer = variableValue(holder, ctx);
  const keyNode = element.propertyName ?? element.name;
  const key = ts.isIdentifier(keyNode) || ts.isStringLiteral(keyNode)
    ? keyNode.text
    : ts.isComputedPropertyName(keyNode) || ts.isPrivateIdentifier(keyNode) || ts.isNumericLiteral(keyNode)
      ? propertyNameText(keyNode, ctx, scope, state, depth + 1)
      : undefined;
  if (!initializer || key === undefined) {
    return undefined;
  }
  const object = followToObjectLiteral(initializer, ctx, scope, state, depth + 1);
  if (!object) {
    return undefined;
  }
  const lookup = findProperty(object.object, key, ctx, object.scope, state, depth + 1);
  if (!lookup.value || !lookup.certain) {
    return undefined;
  }
  return { ...lookup.value, label, declarationFile: lookup.value.expression.getSourceFile() };
}

/**
 * Returns the value of a variable: the initializer of a `const`, or of a `let`/`var` that is never
 * assigned again, or the single assignment of a `let`/`var` declared without one.
 */
function variableValue(declaration: ts.VariableDeclaration, ctx: FileContext): ts.Expression | undefined {
  if (!ts.isIdentifier(declaration.name)) {
    return undefined;
  }
  const list = declaration.parent;
  const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
  if (isConst) {
    return declaration.initializer;
  }
  const assignments = assignmentsTo(declaration, ctx);
  if (assignments === undefined) {
    return undefined;
  }
  if (assignments.length === 0) {
    return declaration.initializer;
  }
  const only = assignments[0];
  if (assignments.length === 1 && !declaration.initializer && only && only.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return only.right;
  }
  return undefined;
}

/** Lists assignments to a variable in its function, or undefined when it is also changed by `++`/`--`. */
function assignmentsTo(declaration: ts.VariableDeclaration, ctx: FileContext): ts.BinaryExpression[] | undefined {
  const name = declaration.name as ts.Identifier;
  const target = ctx.checker.getSymbolAtLocation(name);
  let container: ts.Node = declaration;
  while (container.parent && !ts.isFunctionLike(container) && !ts.isSourceFile(container)) {
    container = container.parent;
  }
  const assignments: ts.BinaryExpression[] = [];
  let changedOtherwise = false;
  const refersToTarget = (node: ts.Node): boolean =>
    ts.isIdentifier(node) && node.text === name.text && ctx.checker.getSymbolAtLocation(node) === target;
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      refersToTarget(node.left)
    ) {
      assignments.push(node);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && refersToTarget(node.operand)) {
      changedOtherwise = true;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(container, visit);
  return changedOtherwise ? undefined : assignments;
}
