import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { RESPONSE_REVIEW, responseReview } from '../../src/fix/typescript/response-use.js';

/** Returns the review for the first `fetch` or `.post` call in `code`. */
function reviewOf(code: string): string | undefined {
  const source = ts.createSourceFile('case.ts', code, ts.ScriptTarget.Latest, true);
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && ts.isCallExpression(node) && /(^|\.)(fetch|post)$/.test(node.expression.getText(source))) {
      found = node;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return responseReview(found!);
}

describe('responseReview', () => {
  it.each([
    ['a discarded await', 'async function f() { await client.api(u).post(body); }'],
    ['a void call', 'void fetch(u, init);'],
    ['fetch read only for its status', 'async function f() { const r = await fetch(u, init); if (!r.ok) throw new Error(String(r.status)); }'],
  ])('needs no check for %s', (_name, code) => {
    expect(reviewOf(code)).toBeUndefined();
  });

  it.each([
    ['a client result', 'async function f() { const r = await client.api(u).post(body); return r.status; }'],
    ['a fetch body read', 'async function f() { const r = await fetch(u, init); return (await r.json()).status; }'],
    ['a returned call', 'async function f() { return fetch(u, init); }'],
    ['a then callback', 'fetch(u, init).then((r) => r.json());'],
    ['a response passed on', 'async function f() { const r = await fetch(u, init); log(r); }'],
  ])('asks for a check for %s', (_name, code) => {
    expect(reviewOf(code)).toBe(RESPONSE_REVIEW);
  });
});
