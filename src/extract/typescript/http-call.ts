import type { ts } from 'ts-morph';
import type { Scope } from './context.js';

/** A recognised HTTP request in code, before its URL is turned into parts. */
export interface HttpCall {
  /** The call to report (its span becomes the call site's anchor). */
  node: ts.CallExpression | ts.NewExpression;
  url: ts.Expression;
  /** Scope to read the URL and body in (bindings of a wrapper call). */
  scope: Scope;
  /** Upper-case HTTP method, or null when the code does not show it. */
  method: string | null;
  body?: { expression: ts.Expression; scope: Scope };
  /** Base URL the client puts before a relative URL (Graph client version root, axios baseURL). */
  baseUrlIfRelative?: string;
  /** Other calls this one accounts for, such as the `.api()` call of a Graph client chain. */
  covers?: ts.Node[];
  /** The helper function, when this is a call of a helper that wraps the request. */
  wrapper?: ts.Node;
}


/** True when a URL starts with a scheme, so no base URL applies. */
export function isAbsoluteUrl(firstLiteral: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(firstLiteral) || firstLiteral.startsWith('//');
}
