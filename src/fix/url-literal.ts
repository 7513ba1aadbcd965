import type { FixAttempt } from './edits.js';
import type { FixPlan } from './plan.js';
import { needsBodyChange } from './request-shape.js';
import { rewriteUrlLiteral } from './url-rewrite.js';

/** Quote characters that delimit a URL literal in the other languages (Python, C#, Go, Java, PowerShell...). */
const QUOTES = new Set(['"', "'", '`']);

/**
 * Fixes a literal URL in a language without its own fixer. Only one-to-one replacements are
 * made: an absolute URL that is a whole quoted literal, whose new call needs no body change.
 * Prefixed strings (f"...", $"...") and interpolation are refused, because part of the URL
 * is code.
 */
export function fixUrlLiteral(text: string, offset: number, plan: FixPlan): FixAttempt {
  if (needsBodyChange(plan)) {
    return { reason: `the new call needs a different request body, which is only rewritten in TypeScript, JavaScript and PowerShell; change the body by hand (see pim-migrate explain ${plan.rule.id})` };
  }
  const literal = quotedLiteralAround(text, offset);
  if (!literal) {
    return { reason: 'the URL is not one quoted literal in this file; change it by hand' };
  }
  // PowerShell escapes `$` in double-quoted strings with a backtick (`` `$filter ``).
  const content = text.slice(literal.start, literal.end).replace(/`\$/g, '$');
  if (/[{}$\\]/.test(content.replace(/\$(filter|select|expand|top|orderby)=/gi, ''))) {
    return { reason: 'the URL literal has interpolation or escapes; change it by hand' };
  }
  const rewrite = rewriteUrlLiteral(content, plan);
  if ('reason' in rewrite) {
    return rewrite;
  }
  if (rewrite.relative) {
    return { reason: 'a relative path outside a Graph client call; change it where the base URL is known' };
  }
  return { edits: [{ start: literal.start, end: literal.end, text: rewrite.text }] };
}

/** The content range of the quoted literal on the line of `offset` that contains it. */
export function quotedLiteralAround(text: string, offset: number): { start: number; end: number; quote: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndIndex = text.indexOf('\n', offset);
  const lineEnd = lineEndIndex === -1 ? text.length : lineEndIndex;
  let start = offset;
  while (start > lineStart && !QUOTES.has(text[start - 1]!)) {
    start -= 1;
  }
  if (start === lineStart && !QUOTES.has(text[start - 1] ?? '')) {
    return undefined;
  }
  const quote = text[start - 1]!;
  const end = text.indexOf(quote, offset);
  if (end === -1 || end > lineEnd) {
    return undefined;
  }
  // A prefix letter (f"", $"", @"", r"") makes the literal a template or changes its escapes.
  const prefix = text[start - 2] ?? '';
  if (/[A-Za-z$@]/.test(prefix) && quote !== '`') {
    return undefined;
  }
  return { start, end, quote };
}
