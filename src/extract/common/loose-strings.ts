import type { CallSite, UrlPart } from '../../model/call-site.js';
import { guard } from './guard.js';
import type { ReportedLiterals } from './reported-literals.js';
import { isRelevantUrl } from './signatures.js';

/** Builds the medium-confidence call site of a relevant string that reaches no recognised request (a URL constant kept for later or passed to a helper). */
export function looseStringSite(language: string, parts: UrlPart[], anchor: CallSite['anchor']): CallSite {
  return { kind: 'url', language, url: parts, method: null, inComment: false, confidence: 'medium', anchor };
}

/**
 * Orders the expressions that build candidate strings: whole concatenations, templates and format
 * calls before plain string literals, each group by position, so a constant that a larger
 * expression uses is reported as part of it.
 */
export function wholeExpressionsFirst<Expression>(expressions: Iterable<Expression>, isPlainString: (expression: Expression) => boolean, start: (expression: Expression) => number): Expression[] {
  return [...expressions].sort((a, b) => Number(isPlainString(a)) - Number(isPlainString(b)) || start(a) - start(b));
}

/** The state and callbacks that one file's loose-string pass takes from its extractor. */
export interface LooseStringPass<Expression, Literal> {
  language: string;
  signatures: readonly string[];
  sites: CallSite[];
  reported: ReportedLiterals<Literal>;
  /** Resolves an expression to URL parts and the string literals it read. */
  resolve(expression: Expression): { parts: UrlPart[]; reads: Iterable<Literal> };
  anchor(expression: Expression): CallSite['anchor'];
}

/**
 * Reports each expression whose URL names a signature as a medium-confidence call site, unless
 * every literal naming a signature in it already went into a reported call site. An expression
 * that fails to resolve is skipped.
 */
export function reportLooseStrings<Expression, Literal>(ordered: readonly Expression[], pass: LooseStringPass<Expression, Literal>): void {
  for (const expression of ordered) {
    guard(() => {
      const { parts, reads } = pass.resolve(expression);
      if (!isRelevantUrl(parts, pass.signatures) || !pass.reported.hasNewEvidence(reads)) {
        return;
      }
      pass.reported.mark(reads);
      pass.sites.push(looseStringSite(pass.language, parts, pass.anchor(expression)));
    });
  }
}
