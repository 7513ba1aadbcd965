import { ts } from 'ts-morph';

/** The summary's check for a person when the code reads the old response. */
export const RESPONSE_REVIEW =
  'the code reads the response, and the iteration 3 response has another shape (a schedule request or schedule whose status is a string, principal instead of subject, no assignmentState); check what it reads';

/** Fetch `Response` members that carry the HTTP status only: the same for the old and the new call. */
const STATUS_MEMBERS = new Set(['status', 'ok', 'statusText']);

/**
 * Decides whether code reads the response of the request `call`. A discarded result needs no
 * check. For the global `fetch`, reading only the HTTP status needs none either: the old and
 * the new create calls both return 201. Any other use (a body read, a return, a callback) needs
 * a person's check. Returns the review text, or undefined when the response is not read.
 */
export function responseReview(call: ts.CallExpression): string | undefined {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isAsExpression(node.parent)) {
    node = node.parent;
  }
  const parent = node.parent;
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) {
    return undefined;
  }
  if (isGlobalFetch(call) && ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) {
    return readsOnlyStatus(parent.name) ? undefined : RESPONSE_REVIEW;
  }
  return RESPONSE_REVIEW;
}

function isGlobalFetch(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    return callee.text === 'fetch';
  }
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch' && ts.isIdentifier(callee.expression) && ['window', 'globalThis', 'self'].includes(callee.expression.text);
}

/**
 * True when every use of the variable in its scope reads `.status`, `.ok` or `.statusText`.
 * NOTE: uses are found by name in the enclosing block, so a shadowing variable of the same name
 * counts as a use. The error leads to a suggestion, never to a wrong safe fix.
 */
function readsOnlyStatus(name: ts.Identifier): boolean {
  const scope = enclosingScope(name);
  let onlyStatus = true;
  const visit = (node: ts.Node): void => {
    if (!onlyStatus) {
      return;
    }
    if (ts.isIdentifier(node) && node !== name && node.text === name.text) {
      const use = node.parent;
      const statusRead = ts.isPropertyAccessExpression(use) && use.expression === node && STATUS_MEMBERS.has(use.name.text);
      if (!statusRead) {
        onlyStatus = false;
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return onlyStatus;
}

function enclosingScope(node: ts.Node): ts.Node {
  let current = node.parent;
  while (!ts.isBlock(current) && !ts.isSourceFile(current) && !ts.isModuleBlock(current)) {
    current = current.parent;
  }
  return current;
}
