import type { Rule } from '../rules/schema.js';
import { compileTemplate, matchTemplate, type CompiledTemplate, type TemplateMatch } from './path-template.js';
import type { NormalizedUrl } from './normalize-url.js';

export interface OperationMatch {
  rule: Rule;
  template: CompiledTemplate;
  match: TemplateMatch;
  /** Index of the first API path segment. */
  start: number;
  /** Rules for the same path with other methods, for a call whose method the code does not show. */
  alternatives: Rule[];
}

/** The path templates of every rule, compiled once, and the lookup from a normalized URL to a rule. */
export class RuleIndex {
  private readonly entries: { rule: Rule; template: CompiledTemplate }[] = [];
  /** Lower-case first literal segments of all templates, to find where an API path starts. */
  readonly roots = new Set<string>();

  constructor(readonly rules: readonly Rule[]) {
    for (const rule of rules) {
      for (const path of rule.operation.paths) {
        const template = compileTemplate(path);
        this.entries.push({ rule, template });
        const first = template.segments[0];
        if (first?.kind === 'literal') {
          this.roots.add(first.lower);
        }
      }
    }
  }

  /**
   * Find the rule for a URL and method. The API path must start right after the host and
   * version, or after segments that the code leaves dynamic there (a prefix built elsewhere).
   * Only for hosts that are neither Graph nor the PIM service (a proxy, say) may a prefix of
   * other segments come first.
   */
  lookup(url: NormalizedUrl, method: string | null): OperationMatch | null {
    const afterDynamic = url.segments.findIndex((segment) => !segment.dynamic);
    const starts = url.hostKind === 'other' ? url.segments.map((_, index) => index) : afterDynamic > 0 ? [0, afterDynamic] : [0];
    for (const start of starts) {
      const first = url.segments[start];
      if (!first || !this.roots.has(first.text.toLowerCase())) {
        continue;
      }
      const found = this.lookupAt(url, start, method);
      if (found) {
        return found;
      }
    }
    return null;
  }

  private lookupAt(url: NormalizedUrl, start: number, method: string | null): OperationMatch | null {
    const matches: OperationMatch[] = [];
    for (const entry of this.entries) {
      const match = matchTemplate(entry.template, url.segments, start);
      if (match) {
        matches.push({ ...entry, match, start, alternatives: [] });
      }
    }
    if (matches.length === 0) {
      return null;
    }

    // Most specific first: templates without `**`, then more literal segments.
    matches.sort((a, b) => Number(a.template.hasRest) - Number(b.template.hasRest) || b.template.literalCount - a.template.literalCount);
    // Rules that share the most specific template differ by method: the call's method picks one,
    // and an unknown method picks the GET rule. A method no rule lists keeps the most specific rule,
    // because the path alone already names the retired operation.
    const best = matches[0]!;
    const group = matches.filter((candidate) => candidate.template.hasRest === best.template.hasRest && candidate.template.literalCount === best.template.literalCount);
    const wanted = method ?? 'GET';
    const chosen = group.find((candidate) => candidate.rule.operation.methods.includes(wanted as never)) ?? best;
    const alternatives = method === null ? [...new Set(group.map((candidate) => candidate.rule))].filter((rule) => rule !== chosen.rule) : [];
    return { ...chosen, alternatives };
  }
}
